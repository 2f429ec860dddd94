"""Repository hosts the mirror job reads from."""
from __future__ import annotations

import asyncio

import httpx


class GitHost:
    """Two reads retry a few attempts with backoff; the tree listing was left out."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def head(self, repo: str) -> str:
        for attempt in range(3):
            try:
                resp = await self._http.get(f"/repos/{repo}/head")
                resp.raise_for_status()
                return resp.json()["sha"]
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def blob(self, repo: str, path: str) -> bytes:
        for attempt in range(3):
            try:
                resp = await self._http.get(f"/repos/{repo}/blobs/{path}")
                resp.raise_for_status()
                return resp.content
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def tree(self, repo: str, sha: str) -> list[str]:
        resp = await self._http.get(f"/repos/{repo}/trees/{sha}")  # expect: no-retry
        resp.raise_for_status()
        return [item["path"] for item in resp.json()["tree"]]


class ArtifactHost:
    """One read retries, two do not: no policy the class settled on, nothing left out of it."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def manifest(self, name: str) -> dict:
        for attempt in range(3):
            try:
                resp = await self._http.get(f"/artifacts/{name}/manifest")
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def versions(self, name: str) -> list[str]:
        resp = await self._http.get(f"/artifacts/{name}/versions")
        resp.raise_for_status()
        return resp.json()["versions"]

    async def checksum(self, name: str, version: str) -> str:
        resp = await self._http.get(f"/artifacts/{name}/{version}/checksum")
        resp.raise_for_status()
        return resp.json()["sha256"]
