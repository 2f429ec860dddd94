"""Price alerts: fire the rules of users who have not muted alerts."""
from __future__ import annotations

from typing import Any


class AlertEngine:
    def __init__(self, db: Any) -> None:
        self._db = db

    async def _muted_user_ids(self) -> list[int]:
        rows = await self._db.fetch("SELECT user_id FROM user_mutes WHERE until > now()")
        return [r["user_id"] for r in rows]

    async def _muted_user_set(self) -> set[int]:
        rows = await self._db.fetch("SELECT user_id FROM user_mutes WHERE until > now()")
        return {r["user_id"] for r in rows}

    @staticmethod
    def _channels() -> list[str]:
        return ["email", "push"]

    async def live_rules(self, product_id: int) -> list[dict[str, Any]]:
        rules = await self._db.fetch("SELECT * FROM alert_rules WHERE product_id = $1", product_id)
        muted = await self._muted_user_ids()
        return [r for r in rules if r["user_id"] not in muted]  # expect: inefficient-algorithm

    async def live_rules_by_set(self, product_id: int) -> list[dict[str, Any]]:
        rules = await self._db.fetch("SELECT * FROM alert_rules WHERE product_id = $1", product_id)
        muted = await self._muted_user_set()
        return [r for r in rules if r["user_id"] not in muted]

    async def routed(self, product_id: int) -> list[dict[str, Any]]:
        rules = await self._db.fetch("SELECT * FROM alert_rules WHERE product_id = $1", product_id)
        channels = self._channels()
        return [r for r in rules if r["channel"] in channels]
