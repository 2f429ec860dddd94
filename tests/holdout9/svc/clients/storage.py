from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from uuid import UUID

import httpx

logger = logging.getLogger(__name__)


def backoff_delay(attempt: int, base: float = 0.2, cap: float = 5.0) -> float:
    """Exponential backoff with full jitter."""
    return random.uniform(0, min(cap, base * (2**attempt)))


def pause(attempt: int) -> None:
    time.sleep(backoff_delay(attempt))


class DocumentStore:
    """Object store for claim documents (S3-compatible gateway)."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def put(self, key: str, content: bytes, content_type: str) -> str:
        for attempt in range(3):
            try:
                resp = await self._http.put(f"/objects/{key}", content=content, headers={"Content-Type": content_type})
                resp.raise_for_status()
                return str(resp.headers.get("ETag", ""))
            except httpx.TransportError as exc:
                if attempt == 2:
                    raise
                logger.warning("document store put %s failed (%s), retrying", key, exc)
                pause(attempt)
        raise RuntimeError("unreachable")

    async def aclose(self) -> None:
        await self._http.aclose()


class LocalArchive:
    """Local copy of documents kept for the regulator's seven-year retention."""

    def __init__(self, root: str) -> None:
        self._root = Path(root)

    def path_for(self, claim_id: UUID, filename: str) -> Path:
        return self._root / str(claim_id) / Path(filename).name

    def save(self, claim_id: UUID, filename: str, content: bytes) -> Path:
        target = self.path_for(claim_id, filename)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return target

    def read(self, claim_id: UUID, filename: str) -> bytes:
        return self.path_for(claim_id, filename).read_bytes()
