"""Ledger reads used by the nightly payout job."""
from __future__ import annotations


class LedgerRepo:
    def __init__(self, session) -> None:
        self._session = session

    async def owed_by_merchant(self, day: str) -> dict[int, int]:
        rows = await self._session.execute("SELECT merchant_id, SUM(cents) FROM ledger WHERE day = :d GROUP BY 1",
                                           {"d": day})
        return {merchant: cents for merchant, cents in rows}
