"""Publishing open jobs to external job boards."""
from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
import requests

from svc.config import get_settings
from svc.db.models import Job
from svc.observability import SYNDICATION_RESULTS

log = logging.getLogger(__name__)

BOARD_ENDPOINTS = {
    "indeed": "https://apis.indeed.example/v3",
    "linkedin": "https://api.linkedin.example/jobs",
    "ziprecruiter": "https://api.ziprecruiter.example/v2",
}
TOKEN_URLS = {board: f"{base}/oauth/token" for board, base in BOARD_ENDPOINTS.items()}

_last_sync: dict[str, float] = {}


class BoardRejected(Exception):
    def __init__(self, board: str, status: int, detail: str) -> None:
        super().__init__(f"{board} rejected posting ({status}): {detail}")
        self.board = board
        self.status = status


def fetch_board_token(board: str) -> str:
    s = get_settings()
    resp = requests.post(
        TOKEN_URLS[board],
        data={"grant_type": "client_credentials", "client_id": s.calendar_client_id},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def to_board_payload(job: Job, board: str) -> dict:
    payload = {
        "title": job.title,
        "description": job.description,
        "location": job.location or "Remote",
        "reference": f"ats-{job.id}",
    }
    if job.salary_min and job.salary_max:
        payload["compensation"] = {"min": float(job.salary_min), "max": float(job.salary_max), "period": "year"}
    if board == "linkedin":
        payload["workplaceType"] = "REMOTE" if not job.location else "ON_SITE"
    return payload


class BoardPublisher:
    def __init__(self) -> None:
        self._tokens: dict[str, tuple[str, float]] = {}
        self._token_lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    async def _session_(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(raise_for_status=False)
        return self._session

    async def _token(self, board: str) -> str:
        async with self._token_lock:
            token, expires = self._tokens.get(board, ("", 0.0))
            if time.time() < expires:
                return token
            token = fetch_board_token(board)
            self._tokens[board] = (token, time.time() + 3000)
            return token

    async def publish(self, job: Job, board: str) -> str:
        session = await self._session_()
        token = await self._token(board)
        async with session.post(
            f"{BOARD_ENDPOINTS[board]}/postings",
            json=to_board_payload(job, board),
            headers={"Authorization": f"Bearer {token}"},
        ) as resp:
            body = await resp.json(content_type=None)
            if resp.status >= 400:
                raise BoardRejected(board, resp.status, str(body)[:200])
        _last_sync[board] = time.time()
        SYNDICATION_RESULTS.labels(board, "ok").inc()
        return str(body["id"])

    async def unpublish(self, board: str, external_id: str) -> None:
        session = await self._session_()
        token = await self._token(board)
        try:
            async with session.delete(
                f"{BOARD_ENDPOINTS[board]}/postings/{external_id}",
                headers={"Authorization": f"Bearer {token}"},
            ) as resp:
                if resp.status not in (200, 204, 404):
                    raise BoardRejected(board, resp.status, await resp.text())
        except BoardRejected:
            pass

    def last_sync(self) -> dict[str, float]:
        return dict(_last_sync)

    async def aclose(self) -> None:
        if self._session and not self._session.closed:
            await self._session.close()
