"""Byte-identical findings.json across processes: set and dict orders of strings change with
the interpreter's hash seed, so two runs in one process cannot show an order leaking into the
output. The rule-case folders are many small projects that exercise every rule."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"


def _findings(out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "reassess", "assess", str(CASES), "--out", str(out), "--format", "json",
                    "--quiet", "--no-cache"], check=True, env=env)
    return (out / "findings.json").read_bytes()


def test_findings_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    assert _findings(tmp_path / "one", "1") == _findings(tmp_path / "two", "2")
