"""Document storage helpers (local volume, mirrored nightly to object storage)."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..settings import get_settings


def storage_path_for(application_id: int, filename: str) -> Path:
    safe = os.path.basename(filename).replace(" ", "_")
    return Path(get_settings().document_root) / str(application_id) / safe


def write_document(application_id: int, filename: str, data: bytes) -> tuple[Path, str]:
    path = storage_path_for(application_id, filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def read_document(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def load_for_ocr(path: str) -> bytes:
    data = read_document(path)
    if path.lower().endswith(".tif"):
        return data
    return data


def list_outbox(directory: str) -> list[str]:
    return sorted(os.listdir(directory))
