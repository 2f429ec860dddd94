"""Translation-memory lookups: exact hash match first, then trigram candidates re-ranked in Python."""
from __future__ import annotations

import contextlib
import difflib
import json
import logging
from dataclasses import asdict, dataclass

import redis.asyncio as redis
from redis.exceptions import RedisError

from glossa.repositories.tm import TMRepository, TMRow
from glossa.settings import Settings
from glossa.utils.text import normalise, text_digest

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TMMatch:
    source_text: str
    target_text: str
    score: float


class TMService:
    def __init__(self, repo: TMRepository, client: redis.Redis, settings: Settings) -> None:
        self._repo = repo
        self._redis = client
        self._settings = settings

    async def lookup(self, org_id: int, text: str, source_locale: str, target_locale: str, *, limit: int = 3) -> list[TMMatch]:
        cache_key = f"tm:v2:{text_digest(text)}"
        try:
            cached = await self._redis.get(cache_key)
        except RedisError:
            logger.warning("tm cache unavailable, reading postgres", exc_info=True)
            cached = None
        if cached is not None:
            return [TMMatch(**item) for item in json.loads(cached)][:limit]

        exact = await self._repo.exact(org_id, source_locale, target_locale, text_digest(text))
        if exact is not None:
            matches = [TMMatch(text, exact, 1.0)]
        else:
            matches = await self._fuzzy(org_id, text, source_locale, target_locale, limit)
        with contextlib.suppress(RedisError):
            await self._redis.set(cache_key, json.dumps([asdict(m) for m in matches]), ex=600)
        return matches

    async def _fuzzy(self, org_id: int, text: str, source: str, target: str, limit: int) -> list[TMMatch]:
        rows = await self._repo.candidates(org_id, source, target, text, self._settings.tm_candidate_limit)
        needle = normalise(text)
        ranked: list[TMMatch] = []
        for row in rows:
            score = difflib.SequenceMatcher(None, needle, normalise(row["source_text"])).ratio()
            if score < self._settings.tm_min_score:
                continue
            ranked.append(TMMatch(row["source_text"], row["target_text"], round(score, 3)))
            ranked.sort(key=lambda m: m.score, reverse=True)
        return ranked[:limit]

    async def best_match(self, org_id: int, text: str, source_locale: str, target_locale: str) -> TMMatch | None:
        matches = await self.lookup(org_id, text, source_locale, target_locale, limit=1)
        return matches[0] if matches else None

    async def learn(self, org_id: int, project_id: int, source_locale: str, target_locale: str, pairs: list[tuple[str, str]]) -> int:
        """Feed approved translations back into the memory."""
        rows = [
            TMRow(org_id, project_id, source_locale, target_locale, src, text_digest(src), tgt)
            for src, tgt in pairs
            if src.strip() and tgt.strip()
        ]
        return await self._repo.add_entries(rows)
