"""Local spool for dictation audio before it is shipped to the speech vendor."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from readroom.settings import get_settings


def _report_dir(report_id: int) -> Path:
    base = Path(get_settings().audio_storage_dir)
    path = base / str(report_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_audio_blob(report_id: int, data: bytes, suffix: str = ".wav") -> str:
    path = _report_dir(report_id) / f"{uuid.uuid4().hex}{suffix}"
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return str(path)


def read_audio_blob(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def remove_audio_blob(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
