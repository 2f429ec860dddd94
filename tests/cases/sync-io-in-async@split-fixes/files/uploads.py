"""Accepting uploads."""
import asyncio
import uuid

from files.antivirus import scan
from files.storage import storage


async def store(data: bytes) -> str:
    if not scan(data):
        raise ValueError("infected")
    key = uuid.uuid4().hex
    storage.put_bytes(key, data)  # expect: sync-io-in-async
    return key


async def store_avatar(data: bytes) -> str:
    key = f"avatars/{uuid.uuid4().hex}"
    await asyncio.to_thread(storage.put_bytes, key, data)
    return key


async def remove(key: str) -> None:
    await asyncio.to_thread(storage.delete, key)
