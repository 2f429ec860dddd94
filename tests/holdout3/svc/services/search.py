"""Listing search: the search cluster first, Postgres full-text search when it is down."""
from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict
from functools import lru_cache

import httpx
from aiobreaker import CircuitBreakerError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.discovery import SearchClient, SearchHit
from svc.repositories.catalog import ListingRepository
from svc.schemas import SearchResult

log = logging.getLogger(__name__)

_MAX_PER_SELLER = 3
_SYNONYM_TTL = 3600.0
_TOKEN = re.compile(r"[\w']+", re.UNICODE)


class SearchService:
    """Shared by all requests (created once in the lifespan)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], client: SearchClient) -> None:
        self._sessions = sessions
        self._client = client
        self._synonyms: dict[str, list[str]] | None = None
        self._synonyms_at = 0.0
        self._synonyms_lock = threading.Lock()

    async def synonyms(self) -> dict[str, list[str]]:
        with self._synonyms_lock:
            if self._synonyms is None or time.monotonic() - self._synonyms_at > _SYNONYM_TTL:
                self._synonyms = await self._client.synonyms()
                self._synonyms_at = time.monotonic()
            return self._synonyms

    @lru_cache(maxsize=None)
    def _normalise(self, q: str) -> tuple[str, ...]:
        return tuple(token.lower() for token in _TOKEN.findall(q))

    async def _expand(self, q: str) -> str:
        tokens = self._normalise(q)
        try:
            synonyms = await self.synonyms()
        except (CircuitBreakerError, httpx.HTTPError) as err:
            log.debug("synonyms unavailable (%s); searching without expansion", err)
            return " ".join(tokens)
        expanded: list[str] = []
        for token in tokens:
            expanded.append(token)
            expanded.extend(synonyms.get(token, ()))
        return " ".join(expanded)

    async def search(self, q: str, category: str | None, size: int = 24) -> list[SearchResult]:
        expanded = await self._expand(q)
        try:
            hits = await self._client.query(expanded, category=category, size=size * 2)
        except (CircuitBreakerError, httpx.HTTPError) as exc:
            log.warning("search cluster unavailable (%s); using database fallback", exc)
            return await self._database_fallback(q, category, size)
        return self._rank(hits, size)

    @staticmethod
    def _rank(hits: list[SearchHit], size: int) -> list[SearchResult]:
        """Best hit per listing, at most three listings per seller."""
        seen_ids: set[int] = set()
        per_seller: dict[int, int] = defaultdict(int)
        results: list[SearchResult] = []
        for hit in sorted(hits, key=lambda h: h.score, reverse=True):
            if hit.listing_id in seen_ids:
                continue
            if per_seller[hit.seller_id] >= _MAX_PER_SELLER:
                continue
            seen_ids.add(hit.listing_id)
            per_seller[hit.seller_id] += 1
            results.append(SearchResult(listing_id=hit.listing_id, seller_id=hit.seller_id, score=hit.score))
            if len(results) == size:
                break
        return results

    async def _database_fallback(self, q: str, category: str | None, size: int) -> list[SearchResult]:
        async with self._sessions() as session:
            listings = await ListingRepository(session).full_text(q, category, size)
        return [SearchResult(listing_id=item.id, seller_id=item.seller_id, score=0.0) for item in listings]
