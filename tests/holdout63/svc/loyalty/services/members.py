from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.cache.member_profile import BalanceCache, cached_profile, remember_profile, tier_badge_url
from loyalty.db.models import Member
from loyalty.repositories.ledger_repo import LedgerRepository
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.transactions_repo import TransactionsRepository
from loyalty.services.tiers import TierService

log = logging.getLogger(__name__)


def _profile_dict(member: Member) -> dict[str, Any]:
    return {
        "id": member.id,
        "name": member.display_name,
        "tier": member.tier.value,
        "region": member.region,
        "perks": TierService.perks(member.tier),
    }


class MemberService:
    def __init__(self, balance_cache: BalanceCache, txns: TransactionsRepository) -> None:
        self._balance_cache = balance_cache
        self._txns = txns

    async def profile(self, session: AsyncSession, member_id: int, theme: str = "light") -> dict[str, Any]:
        profile = cached_profile(member_id)
        if profile is None:
            member = await MembersRepository(session).get_by_id(member_id)
            profile = _profile_dict(member)
            remember_profile(member_id, profile)
        profile["badge_url"] = tier_badge_url(profile["tier"], theme)
        return profile

    async def balance(self, session: AsyncSession, member_id: int) -> dict[str, Any]:
        snapshot = await self._balance_cache.get(member_id)
        if snapshot is not None:
            return snapshot
        member = await MembersRepository(session).get_by_id(member_id)
        snapshot = {"balance": member.points_balance, "lifetime": member.lifetime_points, "tier": member.tier.value}
        await self._balance_cache.put(member_id, snapshot)
        return snapshot

    async def forget_balance(self, *member_ids: int) -> None:
        for member_id in member_ids:
            await self._balance_cache.invalidate(member_id)

    async def history(self, session: AsyncSession, member_id: int, before_id: int | None) -> list[dict[str, Any]]:
        entries = await LedgerRepository(session).history_page(member_id, before_id)
        return [
            {"id": e.id, "delta": e.delta, "kind": e.kind, "reference": e.reference, "at": e.created_at.isoformat()}
            for e in entries
        ]

    async def recent_purchases(self, member_id: int) -> list[dict[str, Any]]:
        txns = await self._txns.recent_for_member(member_id)
        lines = await self._txns.lines_for([t["id"] for t in txns])
        by_txn: dict[int, list[dict[str, Any]]] = {}
        for line in lines:
            by_txn.setdefault(line["txn_id"], []).append(dict(line))
        return [{**dict(t), "lines": by_txn.get(t["id"], [])} for t in txns]

    async def search(self, term: str) -> list[dict[str, Any]]:
        if len(term) < 3:
            return []
        rows = await self._txns.search_members(term)
        return [{"member_id": r["member_id"], "match": r["search_text"]} for r in rows]

    async def change_display_name(self, session: AsyncSession, member_id: int, name: str) -> None:
        member = await MembersRepository(session).get_member_by_id(member_id)
        member.display_name = name.strip()[:120]
        await session.commit()

    async def personal_data(self, session: AsyncSession, member_id: int) -> dict[str, Any]:
        member = await MembersRepository(session).get_with_batches(member_id)
        ledger = LedgerRepository(session)
        history: list[dict[str, Any]] = []
        before: int | None = None
        while True:
            page = await ledger.history_page(member_id, before, limit=500)
            if not page:
                break
            history.extend({"delta": e.delta, "kind": e.kind, "at": e.created_at.isoformat()} for e in page)
            before = page[-1].id
        return {
            "profile": _profile_dict(member),
            "email": member.email,
            "balance": member.points_balance,
            "batches": [
                {"points": b.points_remaining, "expires": b.expires_at.isoformat()} for b in member.batches
            ],
            "history": history,
        }
