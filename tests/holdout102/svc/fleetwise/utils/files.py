"""Attachment storage for gateway uploads (noon reports, bunker delivery notes)."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def attachment_path(root: str, vessel_id: int, filename: str) -> Path:
    safe = Path(filename).name
    return Path(root) / str(vessel_id) / safe


def write_blob(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return hashlib.sha256(data).hexdigest()


def read_template(directory: str, name: str) -> str:
    return (Path(directory) / name).read_text(encoding="utf-8")
