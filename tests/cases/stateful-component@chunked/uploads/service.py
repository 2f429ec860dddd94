"""Resumable uploads: chunks are appended by one request and assembled by another."""
import asyncio
import hashlib


class UploadTooLarge(Exception):
    pass


class ChunkedUploads:
    def __init__(self, store, max_bytes: int) -> None:
        self._store = store
        self._max_bytes = max_bytes
        self._pending: dict[str, bytearray] = {}  # expect: stateful-component

    async def append(self, upload_id: str, chunk: bytes) -> int:
        buffer = self._pending.setdefault(upload_id, bytearray())
        if len(buffer) + len(chunk) > self._max_bytes:
            self._pending.pop(upload_id, None)
            raise UploadTooLarge(upload_id)
        buffer.extend(chunk)
        return len(buffer)

    async def complete(self, upload_id: str) -> str:
        buffer = self._pending.pop(upload_id, None)
        if buffer is None:
            raise KeyError(upload_id)
        digest = hashlib.sha256(buffer).hexdigest()
        await self._store.put(digest, bytes(buffer))
        return digest


class Digests:
    """Hashes of a document, computed once per request and handed straight back."""

    def __init__(self) -> None:
        self._scratch: dict[str, list[bytes]] = {}

    async def digest(self, key: str, parts: list[bytes]) -> str:
        collected = self._scratch.setdefault(key, [])
        collected.extend(parts)
        joined = b"".join(self._scratch.pop(key))
        return await asyncio.to_thread(lambda: hashlib.sha256(joined).hexdigest())
