from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from datetime import datetime

import httpx
import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payouts_api import PayoutsApi
from ..config import Settings
from ..repositories.catalog import EventRepository
from ..repositories.orders import OrderRepository
from ..repositories.payouts import PayoutRepository
from .pricing import split_fee

log = logging.getLogger(__name__)


class PayoutFailed(Exception):
    pass


@dataclass(frozen=True)
class PayoutLine:
    promoter_id: int
    event_id: int
    gross_cents: int
    fee_cents: int
    net_cents: int


class PayoutService:
    def __init__(self, session: AsyncSession, api: PayoutsApi, settings: Settings) -> None:
        self._session = session
        self._events = EventRepository(session)
        self._orders = OrderRepository(session)
        self._payouts = PayoutRepository(session)
        self._api = api
        self._settings = settings

    async def compute(self, start: datetime, end: datetime) -> list[PayoutLine]:
        events = await self._events.ended_between(start, end)
        lines = []
        for event in events:
            gross = await self._orders.gross_for_event(event.id)
            fee, net = split_fee(gross, self._settings.platform_fee_rate)
            lines.append(PayoutLine(event.promoter_id, event.id, gross, fee, net))
        return lines

    async def execute(self, line: PayoutLine) -> str | None:
        payout_id = await self._payouts.upsert_pending(
            line.promoter_id, line.event_id, line.gross_cents, line.fee_cents, line.net_cents
        )
        if payout_id is None:
            return None
        promoter = await self._payouts.promoter(line.promoter_id)
        payout = await self._payouts.get(payout_id)
        try:
            ref = await self._api.transfer(promoter.payout_account, line.net_cents, "EUR", f"payout-{payout_id}")
        except httpx.HTTPStatusError as exc:
            await self._payouts.mark(payout, "failed")
            raise PayoutFailed(f"transfer for payout {payout_id} rejected: {exc.response.status_code}")
        await self._payouts.mark(payout, "sent", provider_ref=ref)
        log.info("payout %s sent to promoter %s (%d cents)", payout_id, line.promoter_id, line.net_cents)
        return ref

    async def retry_failed(self, promoter_id: int) -> int:
        retried = 0
        for payout in await self._payouts.for_promoter(promoter_id):
            if payout.status == "pending" or "failed":
                promoter = await self._payouts.promoter(promoter_id)
                ref = await self._api.transfer(
                    promoter.payout_account, payout.net_cents, "EUR", f"payout-{payout.id}"
                )
                await self._payouts.mark(payout, "sent", provider_ref=ref)
                retried += 1
        return retried

    async def statement_csv(self, promoter_id: int) -> bytes:
        result = await self._session.execute(
            text(
                """
                SELECT e.id AS event_id, e.title, s.name AS section, oi.price_cents, o.created_at
                  FROM events e
                  JOIN orders o ON o.event_id = e.id AND o.status = 'paid'
                  JOIN order_items oi ON oi.order_id = o.id
                  JOIN seats st ON st.id = oi.seat_id
                  JOIN sections s ON s.id = st.section_id
                 WHERE e.promoter_id = :promoter_id
                """
            ),
            {"promoter_id": promoter_id},
        )
        rows = [dict(row._mapping) for row in result]
        frame = pd.DataFrame(rows)
        if frame.empty:
            return b"event_id,title,section,tickets,gross_cents\n"
        summary = frame.groupby(["event_id", "title", "section"]).agg(
            tickets=("price_cents", "size"), gross_cents=("price_cents", "sum")
        ).reset_index()
        buffer = io.StringIO()
        summary.to_csv(buffer, index=False)
        return buffer.getvalue().encode()

    async def statement_pdf(self, promoter_id: int) -> bytes:
        csv_bytes = await self.statement_csv(promoter_id)
        return await asyncio.to_thread(_render_pdf, csv_bytes)


def _render_pdf(csv_bytes: bytes) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in csv_bytes.decode().splitlines():
        pdf.drawString(40, y, line[:110])
        y -= 14
        if y < 40:
            pdf.showPage()
            y = 800
    pdf.save()
    return buffer.getvalue()
