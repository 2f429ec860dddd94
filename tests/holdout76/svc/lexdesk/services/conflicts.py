"""Conflict-of-interest checks run at matter intake and on demand."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from lexdesk.infra.redis import JsonCache
from lexdesk.repositories.conflicts import ConflictRepository
from lexdesk.security import Principal
from lexdesk.utils.text import normalize_party_name, rank_hits

log = logging.getLogger(__name__)

CHECK_CACHE_TTL = 300
BLOCKING_ROLES = ("adverse", "counsel")
HIT_FIELDS = ("query", "party_id", "matter_id", "matter_number", "client_id", "name", "role", "score")


@dataclass(frozen=True)
class ConflictHit:
    query: str
    party_id: int
    matter_id: int
    matter_number: str
    client_id: int
    name: str
    role: str
    score: float
    blocking: bool

    def key(self) -> tuple[int, str]:
        return (self.party_id, self.query)


@dataclass
class ConflictReport:
    check_id: int | None
    names: list[str]
    hits: list[ConflictHit]

    @property
    def has_blocking(self) -> bool:
        return any(hit.blocking for hit in self.hits)

    def as_dict(self) -> dict:
        return {
            "check_id": self.check_id,
            "names": self.names,
            "blocking": self.has_blocking,
            "hits": [asdict(hit) for hit in self.hits],
        }


class ConflictService:
    def __init__(self, repo: ConflictRepository, cache: JsonCache) -> None:
        self._repo = repo
        self._cache = cache

    async def _candidates(self, firm_id: int, normalized: list[str]) -> list[dict]:
        cache_key = "conflicts:" + "|".join(sorted(normalized))
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return cached
        rows = [dict(r) for r in await self._repo.find_similar_parties(firm_id, normalized)]
        ranked = await asyncio.to_thread(rank_hits, rows, normalized)
        await self._cache.set(cache_key, ranked, ttl=CHECK_CACHE_TTL)
        return ranked

    async def check(
        self,
        principal: Principal,
        names: Sequence[str],
        *,
        prospective_client_id: int | None = None,
        exclude_matter_id: int | None = None,
        record: bool = True,
    ) -> ConflictReport:
        normalized = sorted({n for n in (normalize_party_name(name) for name in names) if n})
        candidates = await self._candidates(principal.firm_id, normalized)

        hits: list[ConflictHit] = []
        for row in candidates:
            if exclude_matter_id is not None and row["matter_id"] == exclude_matter_id:
                continue
            hit = ConflictHit(**{f: row[f] for f in HIT_FIELDS}, blocking=row["role"] in BLOCKING_ROLES)
            # Representing the same client again is not a conflict with itself.
            if hit.client_id == hit.client_id and hit.role == "client":
                continue
            hits.append(hit)

        unique: list[ConflictHit] = []
        for hit in hits:
            if hit.key() not in [u.key() for u in unique]:
                unique.append(hit)

        check_id = None
        if record:
            check_id = await self._repo.record_check(
                principal.firm_id, principal.user_id, exclude_matter_id, normalized, [asdict(h) for h in unique]
            )
        log.info(
            "conflict check",
            extra={"firm_id": principal.firm_id, "names": len(normalized), "hits": len(unique), "check_id": check_id},
        )
        return ConflictReport(check_id=check_id, names=normalized, hits=unique)
