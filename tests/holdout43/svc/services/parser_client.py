"""Clients for the hosted resume-parsing API and the profile-enrichment API."""
from __future__ import annotations

import base64
import logging

import httpx

from svc.config import get_settings
from svc.utils.cache import TTLCache

log = logging.getLogger(__name__)


class ParserError(RuntimeError):
    pass


class ResumeParserClient:
    def __init__(self) -> None:
        s = get_settings()
        self._client = httpx.AsyncClient(
            base_url=s.parser_url,
            headers={"Authorization": f"Bearer {s.parser_api_key}"},
            timeout=httpx.Timeout(30.0, connect=5.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def parse(self, filename: str, data: bytes) -> dict:
        body = {"filename": filename, "content": base64.b64encode(data).decode()}
        resp = await self._client.post("/parse", json=body)
        if resp.status_code != 200:
            raise ParserError(f"parser returned {resp.status_code}")
        payload = resp.json()
        return {
            "name": payload.get("name"),
            "emails": payload.get("emails", []),
            "phones": payload.get("phones", []),
            "skills": payload.get("skills", []),
            "experience": payload.get("positions", []),
            "text": payload.get("raw_text", ""),
        }

    async def aclose(self) -> None:
        await self._client.aclose()


class EnrichmentClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url=get_settings().enrichment_url, timeout=None)
        self._cache: TTLCache[str, dict] = TTLCache(maxsize=5000, ttl=3600)

    async def lookup(self, email: str) -> dict:
        cached = self._cache.get(email)
        if cached is not None:
            return dict(cached)
        resp = await self._client.get("/v1/person", params={"email": email})
        resp.raise_for_status()
        profile = resp.json()
        self._cache.set(email, profile)
        return dict(profile)

    async def aclose(self) -> None:
        await self._client.aclose()
