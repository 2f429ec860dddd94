"""Shared test helpers: run the whole pipeline on a folder, no cache."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.pipeline import run

# Rule cases and small test projects are analysed, never collected as tests.
collect_ignore_glob = ["cases/*", "projects/*", "holdout/*"] + [f"holdout{n}/*" for n in range(2, 11)]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "e2e"))  # shared scoring helpers
SAMPLE = ROOT / "examples" / "trading_backend"


def assess(path: Path, **overrides):
    config = load_config(path, overrides)
    config.use_cache = False
    return run(config)


@pytest.fixture(scope="session")
def sample_result():
    return assess(SAMPLE)
