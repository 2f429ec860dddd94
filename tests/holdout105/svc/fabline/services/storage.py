"""Recipe body storage on the shared recipe volume."""
from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from fabline.core.settings import get_settings


def recipe_path(name: str, version: int) -> Path:
    return Path(get_settings().recipe_storage_dir) / name / f"{version:04d}.rcp"


def save_recipe_file(name: str, version: int, body: bytes) -> tuple[Path, str]:
    """Write atomically and fsync; returns (path, sha256)."""
    path = recipe_path(name, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path, hashlib.sha256(body).hexdigest()


def read_recipe_file(name: str, version: int) -> bytes:
    with open(recipe_path(name, version), "rb") as fh:
        return fh.read()


async def read_recipe_async(name: str, version: int) -> bytes:
    return await asyncio.to_thread(read_recipe_file, name, version)


async def delete_recipe_async(name: str, version: int) -> None:
    await asyncio.to_thread(recipe_path(name, version).unlink, True)
