"""Lot photo storage on the shared media volume."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def media_path(root: str, lot_id: int, digest: str, suffix: str) -> Path:
    return Path(root) / "lots" / str(lot_id) / f"{digest}{suffix}"


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def write_photo(root: str, lot_id: int, data: bytes, suffix: str = ".jpg") -> str:
    target = media_path(root, lot_id, content_digest(data), suffix)
    os.makedirs(target.parent, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(data)
    return str(target.relative_to(root))


def store_photo(root: str, lot_id: int, data: bytes, suffix: str = ".jpg") -> str:
    """Store a photo, keeping the first copy when the same content is uploaded twice."""
    target = media_path(root, lot_id, content_digest(data), suffix)
    if target.exists():
        return str(target.relative_to(root))
    return write_photo(root, lot_id, data, suffix)


def read_photo(root: str, relative: str) -> bytes:
    return (Path(root) / relative).read_bytes()
