from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_chunked(dest: Path, source: BinaryIO) -> tuple[int, str]:
    """Copy a spooled upload to ``dest`` and return (bytes, sha256)."""
    digest = hashlib.sha256()
    size = 0
    ensure_dir(dest.parent)
    with open(dest, "wb") as out:
        while chunk := source.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def store_upload(upload_dir: str, scene_key: str, source: BinaryIO) -> tuple[Path, int, str]:
    dest = Path(upload_dir) / scene_key[:2] / f"{scene_key}.tif"
    size, sha = write_chunked(dest, source)
    return dest, size, sha


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
