"""Chunked uploads of backup archives, verified against the client's checksum."""
import asyncio
import hashlib
import hmac


class ChecksumMismatch(Exception):
    pass


class ArchiveUploads:
    def __init__(self, signing_key: bytes) -> None:
        self._parts: dict[str, list[bytes]] = {}
        self._digests: dict[str, "hashlib._Hash"] = {}
        self._signing_key = signing_key

    async def add_part(self, upload_id: str, part: bytes) -> None:
        self._parts.setdefault(upload_id, []).append(part)
        self._digests.setdefault(upload_id, hashlib.sha256()).update(part)

    async def finish(self, upload_id: str, expected: str) -> bytes:
        body = b"".join(self._parts.pop(upload_id, []))
        if hashlib.sha256(body).hexdigest() != expected:  # expect: blocking-cpu-in-async
            raise ChecksumMismatch(upload_id)
        return body

    async def finish_offloaded(self, upload_id: str, expected: str) -> bytes:
        body = b"".join(self._parts.pop(upload_id, []))
        digest = await asyncio.to_thread(lambda: hashlib.sha256(body).hexdigest())
        if digest != expected:
            raise ChecksumMismatch(upload_id)
        return body

    async def finish_streamed(self, upload_id: str, expected: str) -> bytes:
        body = b"".join(self._parts.pop(upload_id, []))
        if self._digests.pop(upload_id).hexdigest() != expected:
            raise ChecksumMismatch(upload_id)
        return body

    async def cache_key(self, names: list[str]) -> str:
        joined = "".join(names)
        return hashlib.sha256(joined.encode()).hexdigest()

    async def signed(self, payload: bytes, signature: str) -> bool:
        mac = hmac.new(self._signing_key, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(mac, signature)
