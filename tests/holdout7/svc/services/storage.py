from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from svc.config import get_settings

settings = get_settings()


def media_path(lesson_id: int, filename: str) -> Path:
    safe = os.path.basename(filename)
    return Path(settings.media_root) / "uploads" / str(lesson_id) / safe


def _write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)


def store_upload(lesson_id: int, filename: str, data: bytes) -> Path:
    target = media_path(lesson_id, filename)
    _write_bytes(target, data)
    return target


def archive_source(source: Path, archive_dir: Path) -> Path:
    archive_dir.mkdir(parents=True, exist_ok=True)
    destination = archive_dir / source.name
    shutil.copyfile(source, destination)
    return destination


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
