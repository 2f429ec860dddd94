"""Client for the git host REST API (statuses, file contents, app tokens)."""
from __future__ import annotations

import base64
import logging
import time
from collections import OrderedDict
from typing import Any

import httpx

from svc.config import get_settings
from svc.utils.retry import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)

PR_CACHE_SIZE = 512
DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "ci-orchestrator/2"}

_installation_token: str | None = None
_token_expires_at: float = 0.0


class GitHostError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status


class GitHostClient:
    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._settings = settings
        self._client = client or httpx.AsyncClient(base_url=settings.githost_api, timeout=None, headers=DEFAULT_HEADERS)
        self._status_breaker = CircuitBreaker("githost-status", failure_threshold=8, reset_after=60)
        self._pr_cache: OrderedDict[tuple[str, int, str], dict[str, Any]] = OrderedDict()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _auth_headers(self) -> dict[str, str]:
        global _installation_token, _token_expires_at
        if _installation_token is None or time.time() > _token_expires_at - 60:
            resp = await self._client.post(
                "/app/installations/token",
                headers={"Authorization": f"Bearer {self._settings.githost_token}"},
            )
            resp.raise_for_status()
            body = resp.json()
            _installation_token = body["token"]
            _token_expires_at = time.time() + int(body.get("expires_in", 3600))
        return {"Authorization": f"token {_installation_token}"}

    async def fetch_file(self, repo: str, path: str, ref: str) -> str:
        headers = await self._auth_headers()
        resp = await self._client.get(f"/repos/{repo}/contents/{path}", params={"ref": ref}, headers=headers)
        if resp.status_code == 404:
            raise FileNotFoundError(path)
        if resp.status_code >= 400:
            raise GitHostError(resp.status_code, resp.text[:200])
        payload = resp.json()
        return base64.b64decode(payload["content"]).decode()

    async def set_commit_status(self, repo: str, sha: str, state: str, context: str,
                                description: str, target_url: str) -> None:
        headers = await self._auth_headers()
        body = {"state": state, "context": context, "description": description[:140], "target_url": target_url}

        async def _post() -> None:
            resp = await self._client.post(f"/repos/{repo}/statuses/{sha}", json=body, headers=headers)
            if resp.status_code >= 500:
                raise GitHostError(resp.status_code, "server error")
            resp.raise_for_status()

        await self._status_breaker.call(_post)

    async def get_pull_request(self, repo: str, number: int, head_sha: str) -> dict[str, Any]:
        key = (repo, number, head_sha)
        cached = self._pr_cache.get(key)
        if cached is not None:
            self._pr_cache.move_to_end(key)
            return dict(cached)
        headers = await self._auth_headers()
        resp = await self._client.get(f"/repos/{repo}/pulls/{number}", headers=headers)
        resp.raise_for_status()
        pr = resp.json()
        self._pr_cache[key] = pr
        if len(self._pr_cache) > PR_CACHE_SIZE:
            self._pr_cache.popitem(last=False)
        return dict(pr)

    @retry_async(attempts=3, retry_on=(httpx.TransportError, GitHostError))
    async def post_pr_comment(self, repo: str, number: int, body: str) -> None:
        headers = await self._auth_headers()
        resp = await self._client.post(f"/repos/{repo}/issues/{number}/comments", json={"body": body}, headers=headers)
        if resp.status_code >= 500:
            raise GitHostError(resp.status_code, "server error")
        resp.raise_for_status()
