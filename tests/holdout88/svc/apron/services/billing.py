"""End-of-day billing: turns completed turnaround work into airline invoices."""
from __future__ import annotations

import asyncio
import logging
from datetime import date
from decimal import Decimal

import asyncpg

from apron.clients.billing_sdk import BillingClient, InvoicePayload
from apron.errors import BillingRejected
from apron.repositories.billing import BillingRepository
from apron.utils.timeutil import day_bounds

log = logging.getLogger(__name__)

DEFAULT_RATES = {
    "FUEL": Decimal("85.00"),
    "CATERING": Decimal("140.00"),
    "CLEANING": Decimal("120.00"),
    "BAGGAGE_LOAD": Decimal("210.00"),
    "PUSHBACK": Decimal("95.00"),
}


class BillingService:
    def __init__(self, repo: BillingRepository, sdk: BillingClient) -> None:
        self._repo = repo
        self._sdk = sdk

    async def _rates(self, airline: str) -> dict[str, Decimal]:
        try:
            remote = await asyncio.to_thread(self._sdk.fetch_rates, airline)
        except Exception:
            log.warning("rate card for %s unavailable, using default rates", airline, exc_info=True)
            return dict(DEFAULT_RATES)
        return {**DEFAULT_RATES, **{k: Decimal(v) for k, v in remote.items()}}

    async def build_invoice(self, airline: str, day: date) -> tuple[int, InvoicePayload]:
        start, end = day_bounds(day)
        rates = await self._rates(airline)
        events = await self._repo.billable_events(airline, start, end)
        invoice_id = await self._repo.create_invoice(airline, day)
        lines = [
            (ev["flight_id"], ev["kind"], ev["quantity"], rates.get(ev["kind"], Decimal("0")) * ev["quantity"])
            for ev in events
        ]
        await self._repo.add_lines(invoice_id, lines)
        total = await self._repo.invoice_total(invoice_id)
        payload = InvoicePayload(
            airline=airline,
            service_day=day.isoformat(),
            lines=[{"flight_id": f, "code": c, "qty": q, "amount": str(a)} for f, c, q, a in lines],
            total=str(total),
        )
        return invoice_id, payload

    async def run_end_of_day(self, day: date) -> dict[str, str]:
        start, end = day_bounds(day)
        results: dict[str, str] = {}
        for airline in await self._repo.airlines_with_activity(start, end):
            try:
                invoice_id, payload = await self.build_invoice(airline, day)
            except asyncpg.PostgresError:
                continue
            try:
                ref = self._sdk.submit_invoice(payload)
            except BillingRejected as exc:
                await self._repo.mark_invoice(invoice_id, "REJECTED")
                results[airline] = "REJECTED"
                continue
            await self._repo.mark_invoice(invoice_id, "SENT", ref)
            log.info("invoice %s for %s on %s sent as %s", invoice_id, airline, day, ref)
            results[airline] = ref
        return results
