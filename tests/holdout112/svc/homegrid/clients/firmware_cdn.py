from __future__ import annotations

from pathlib import Path

import httpx

from homegrid.config import Settings


class FirmwareCdnClient:
    def __init__(self, settings: Settings) -> None:
        self._cdn = httpx.AsyncClient(base_url=settings.firmware_cdn_url, timeout=None)
        self._signer = httpx.AsyncClient(
            base_url=settings.firmware_signing_url, timeout=httpx.Timeout(10.0, connect=2.0)
        )
        self._cache_dir = Path(settings.firmware_cache_dir)

    async def close(self) -> None:
        await self._cdn.aclose()
        await self._signer.aclose()

    async def download(self, url_path: str) -> bytes:
        async with self._cdn.stream("GET", url_path) as resp:
            resp.raise_for_status()
            chunks = [chunk async for chunk in resp.aiter_bytes()]
        return b"".join(chunks)

    def cache_path(self, model: str, version: str) -> Path:
        return self._cache_dir / f"{model}-{version}.bin"

    async def sign(self, sha256: str, model: str, version: str) -> str:
        resp = await self._signer.post(
            "/v1/sign", json={"digest": sha256, "model": model, "version": version}
        )
        resp.raise_for_status()
        return resp.json()["signature"]

    async def publish_manifest(self, model: str, manifest: dict) -> None:
        resp = await self._cdn.put(f"/manifests/{model}.json", json=manifest)
        resp.raise_for_status()
