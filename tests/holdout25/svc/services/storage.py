"""Local blob storage for uploaded documents (an NFS mount in production)."""
from __future__ import annotations

import os
import uuid
from pathlib import Path


def blob_path(root: str, permit_id: int, filename: str) -> Path:
    safe = os.path.basename(filename).replace(" ", "_") or "upload.bin"
    return Path(root) / str(permit_id) / f"{uuid.uuid4().hex}-{safe}"


def write_blob(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    return str(path)


def read_blob(path: str) -> bytes:
    return Path(path).read_bytes()
