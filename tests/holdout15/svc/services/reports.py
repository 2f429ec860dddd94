"""Finance reports, read from the reporting replica."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import Settings


class ReportService:
    def __init__(self, settings: Settings) -> None:
        self._dsn = settings.reporting_dsn

    async def payout_summary(self, period_start: date) -> list[dict[str, Any]]:
        engine = create_async_engine(self._dsn, pool_size=2, max_overflow=0)
        try:
            async with engine.connect() as conn:
                payouts = (
                    await conn.execute(
                        text("SELECT restaurant_id, amount_cents, status FROM payouts WHERE period_start = :p"),
                        {"p": period_start},
                    )
                ).mappings().all()
                restaurants = (
                    await conn.execute(
                        text("SELECT id, name, city FROM restaurants WHERE id IN :ids").bindparams(
                            bindparam("ids", expanding=True)
                        ),
                        {"ids": [p["restaurant_id"] for p in payouts] or [0]},
                    )
                ).mappings().all()
        finally:
            await engine.dispose()

        rows = []
        for payout in payouts:
            restaurant = next(r for r in restaurants if r["id"] == payout["restaurant_id"])
            rows.append(
                {
                    "restaurant": restaurant["name"],
                    "city": restaurant["city"],
                    "amount": payout["amount_cents"] / 100,
                    "status": payout["status"],
                }
            )
        rows.sort(key=lambda r: (r["city"], r["restaurant"]))
        return rows
