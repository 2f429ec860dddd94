"""Client for the university LMS gradebook / roster API."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import requests

from svc.config import settings

logger = logging.getLogger(__name__)

RETRYABLE_STATUS = {429, 502, 503, 504}


class LmsError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class RosterEntry:
    lms_user_id: str
    email: str
    role: str


class LmsClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._access_token: str | None = None
        self._token_expiry = 0.0

    async def start(self) -> None:
        timeout = aiohttp.ClientTimeout(total=settings.lms_timeout_seconds, connect=5)
        self._session = aiohttp.ClientSession(
            base_url=settings.lms_base_url,
            timeout=timeout,
            connector=aiohttp.TCPConnector(limit=32, ttl_dns_cache=300),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _token(self) -> str:
        if self._access_token and time.time() < self._token_expiry - 30:
            return self._access_token
        resp = requests.post(
            settings.lms_token_url,
            data={"grant_type": "client_credentials", "client_id": settings.lms_client_id,
                  "client_secret": settings.lms_client_secret},
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        self._access_token = body["access_token"]
        self._token_expiry = time.time() + int(body.get("expires_in", 3600))
        return self._access_token

    async def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self._token()}", "Accept": "application/json"}

    @staticmethod
    def _parse_error(text: str) -> str:
        import json

        try:
            return json.loads(text)["error"]["message"]
        except:
            return text[:200]

    async def _request_with_retry(self, method: str, path: str, *, json: Any = None, attempts: int = 4) -> Any:
        assert self._session is not None, "LmsClient.start() not called"
        delay = 0.5
        for attempt in range(1, attempts + 1):
            try:
                async with self._session.request(method, path, json=json, headers=await self._headers()) as resp:
                    if resp.status in RETRYABLE_STATUS and attempt < attempts:
                        raise LmsError(f"retryable {resp.status}", resp.status)
                    if resp.status >= 400:
                        raise LmsError(self._parse_error(await resp.text()), resp.status)
                    return await resp.json()
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError, LmsError) as exc:
                if isinstance(exc, LmsError) and exc.status not in RETRYABLE_STATUS:
                    raise
                if attempt == attempts:
                    raise
                logger.warning("lms %s %s failed (%s), retry %d", method, path, exc, attempt)
                await asyncio.sleep(delay + random.uniform(0, delay))
                delay *= 2
        raise LmsError("unreachable")

    async def push_grade(self, assignment_id: str, lms_user_id: str, score: float, comment: str = "") -> None:
        await self._request_with_retry(
            "PUT",
            f"assignments/{assignment_id}/submissions/{lms_user_id}/grade",
            json={"score": score, "comment": comment},
        )

    async def push_grades_bulk(self, assignment_id: str, scores: dict[str, float]) -> dict:
        payload = {"grades": [{"user_id": uid, "score": s} for uid, s in scores.items()]}
        return await self._request_with_retry("POST", f"assignments/{assignment_id}/grades/bulk", json=payload)

    async def is_enrolled(self, lms_course_id: str, lms_user_id: str) -> bool:
        assert self._session is not None
        async with self._session.get(
            f"courses/{lms_course_id}/enrollments/{lms_user_id}", headers=await self._headers()
        ) as resp:
            if resp.status == 404:
                return False
            resp.raise_for_status()
            body = await resp.json()
            return body.get("state") == "active"

    async def fetch_roster(self, lms_course_id: str) -> list[RosterEntry]:
        headers = await self._headers()
        async with aiohttp.ClientSession(base_url=settings.lms_base_url) as session:
            async with session.get(f"courses/{lms_course_id}/enrollments", headers=headers) as resp:
                resp.raise_for_status()
                rows = await resp.json()
        return [RosterEntry(r["user_id"], r["email"].lower(), r["role"]) for r in rows]


lms_client = LmsClient()
