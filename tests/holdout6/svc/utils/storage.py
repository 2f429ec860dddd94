"""Local file storage for rendered visit summaries."""
from __future__ import annotations

import gzip
import os
from pathlib import Path


def write_bytes(root: str, name: str, data: bytes) -> str:
    path = Path(root) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return str(path)


def archive(root: str, booking_id: int, data: bytes) -> str:
    target = Path(root) / "archive" / f"{booking_id}.pdf.gz"
    return _write_compressed(target, data)


def _write_compressed(target: Path, data: bytes) -> str:
    with gzip.open(target, "wb", compresslevel=6) as fh:
        fh.write(data)
    return str(target)
