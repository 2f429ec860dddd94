"""Image file storage on the shared volume."""
from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from svc.config import get_settings


def _lot_dir(lot_id: int) -> Path:
    return Path(get_settings().image_root) / str(lot_id % 1000) / str(lot_id)


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def write_image(lot_id: int, data: bytes, suffix: str) -> str:
    directory = _lot_dir(lot_id)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{content_key(data)}{suffix}"
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return str(path)


def read_image(path: str) -> bytes:
    return Path(path).read_bytes()


async def read_image_async(path: str) -> bytes:
    return await asyncio.to_thread(read_image, path)


async def delete_image(path: str) -> None:
    await asyncio.to_thread(Path(path).unlink, missing_ok=True)


def write_atomic(target: Path, data: bytes) -> None:
    """Write via a temp file in the same directory so readers never see a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


async def store_derivative(lot_id: int, name: str, data: bytes) -> str:
    target = _lot_dir(lot_id) / name
    await asyncio.to_thread(write_atomic, target, data)
    return str(target)
