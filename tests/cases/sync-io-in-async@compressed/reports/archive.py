"""Compressed copies of generated reports."""
from __future__ import annotations

import bz2
import gzip
from pathlib import Path


def archive(root: str, report_id: int, data: bytes) -> str:
    target = Path(root) / "archive" / f"{report_id}.csv.gz"
    return _write_gzip(target, data)


def _write_gzip(target: Path, data: bytes) -> str:
    with gzip.open(target, "wb", compresslevel=6) as fh:  # expect: sync-io-in-async
        fh.write(data)
    return str(target)


def cold_copy(root: str, report_id: int, data: bytes) -> str:
    target = Path(root) / "cold" / f"{report_id}.csv.bz2"
    with bz2.open(target, "wb") as fh:
        fh.write(data)
    return str(target)


def checksum(data: bytes) -> str:
    return gzip.compress(data)[:8].hex()
