from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from functools import lru_cache

import httpx

from ..errors import UpstreamError


@dataclass(frozen=True)
class CodedTerm:
    llt_code: str
    pt_code: str
    soc: str


@lru_cache(maxsize=256)
def normalise_term(verbatim: str) -> str:
    return re.sub(r"\s+", " ", verbatim).strip().lower()


class MeddraClient:
    """Autocoder for adverse-event verbatim terms."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def code_term(self, verbatim: str) -> CodedTerm:
        last_exc: Exception | None = None
        for attempt in range(1, 4):
            try:
                resp = await self._http.get("/autocode", params={"term": normalise_term(verbatim)})
                resp.raise_for_status()
                body = resp.json()
                return CodedTerm(body["llt_code"], body["pt_code"], body["soc"])
            except httpx.TransportError as exc:
                last_exc = exc
                await asyncio.sleep(attempt * 0.5)
        raise UpstreamError("MedDRA coding service unavailable") from last_exc
