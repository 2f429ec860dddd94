"""GitHub-compatible REST API, used by the scheduled repository sync."""
from __future__ import annotations

import asyncio
from fnmatch import fnmatch

import httpx

from glossa.errors import GitSyncError
from glossa.utils.resilience import retry_async


class GitHostClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def head_commit(self, repo: str, branch: str) -> str:
        response = await retry_async(self._client.get, f"/repos/{repo}/commits/{branch}", retry_on=(httpx.TransportError,))
        response.raise_for_status()
        return response.json()["sha"]

    async def list_tree(self, repo: str, sha: str, pattern: str) -> list[str]:
        response = await self._client.get(f"/repos/{repo}/git/trees/{sha}", params={"recursive": "1"})
        response.raise_for_status()
        return sorted(
            item["path"] for item in response.json()["tree"] if item["type"] == "blob" and fnmatch(item["path"], pattern)
        )

    async def get_file(self, repo: str, ref: str, path: str) -> bytes:
        for attempt in range(4):
            try:
                response = await self._client.get(
                    f"/repos/{repo}/contents/{path}",
                    params={"ref": ref},
                    headers={"Accept": "application/vnd.github.raw"},
                )
                response.raise_for_status()
                return response.content
            except httpx.TransportError:
                if attempt == 3:
                    raise
                asyncio.sleep(0.5 * 2**attempt)
        raise GitSyncError(f"could not fetch {repo}:{path}@{ref}")
