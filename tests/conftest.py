"""Shared test helpers: run the whole pipeline on a folder, no cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.pipeline import run

# Rule cases and small test projects are analysed, never collected as tests.
collect_ignore_glob = ["cases/*", "projects/*"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "trading_backend"


def assess(path: Path, **overrides):
    config = load_config(path, overrides)
    config.use_cache = False
    return run(config)


@pytest.fixture(scope="session")
def sample_result():
    return assess(SAMPLE)
