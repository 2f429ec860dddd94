"""Uploads: the original is stored on the loop, the preview in a thread."""
import asyncio

from .storage import Storage


class Uploads:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    async def upload(self, name: str, data: bytes, preview: bytes) -> tuple[str, str]:
        key = self.storage.put(f"orig/{name}", data)  # expect: sync-io-in-async
        small = await asyncio.to_thread(self.storage.put, f"preview/{name}", preview)
        return key, small

    async def download(self, name: str) -> bytes:
        return await self.storage.fetch(f"orig/{name}")
