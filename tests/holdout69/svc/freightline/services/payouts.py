"""Weekly carrier settlements through the payments provider."""
from __future__ import annotations

import logging
import subprocess
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.clients.payments import PaymentError, PaymentsClient
from freightline.db.models import Load
from freightline.metrics import PAYOUTS_SENT
from freightline.repositories.carriers import CarrierRepository, PayoutRepository
from freightline.repositories.loads import LoadRepository
from freightline.utils.locks import EntityLocks

logger = logging.getLogger(__name__)

MIN_SETTLEMENT_CENTS = 2_500


def week_start_for(moment: datetime) -> datetime:
    start = moment - timedelta(days=moment.weekday())
    return start.replace(hour=0, minute=0, second=0, microsecond=0)


def _remittance_html(carrier_name: str, loads: list[Load], total_cents: int) -> str:
    rows = "".join(
        f"<tr><td>{load.reference_number}</td><td>{load.origin_city} to {load.dest_city}</td>"
        f"<td>{(load.agreed_rate_cents or 0) / 100:.2f}</td></tr>"
        for load in loads
    )
    return f"<h1>Remittance for {carrier_name}</h1><table>{rows}</table><p>Total {total_cents / 100:.2f}</p>"


class PayoutService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient, redis_client: redis.Redis, locks: EntityLocks) -> None:
        self._session = session
        self._loads = LoadRepository(session)
        self._carriers = CarrierRepository(session)
        self._payouts = PayoutRepository(session)
        self._payments = payments
        self._redis = redis_client
        self._locks = locks

    async def credit_accessorial(self, carrier_id: int, cents: int) -> int:
        key = f"carrier:{carrier_id}:accessorial_cents"
        current = int(await self._redis.get(key) or 0)
        await self._redis.set(key, current + cents)
        return current + cents

    async def credit_quick_pay(self, carrier_id: int, cents: int) -> int:
        return int(await self._redis.incrby(f"carrier:{carrier_id}:quickpay_cents", cents))

    async def render_remittance(self, carrier_name: str, loads: list[Load], total_cents: int) -> bytes:
        html = _remittance_html(carrier_name, loads, total_cents)
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp) / "r.html", Path(tmp) / "r.pdf"
            src.write_text(html, encoding="utf-8")
            subprocess.run(["wkhtmltopdf", "--quiet", str(src), str(dst)], check=True, timeout=60)
            return dst.read_bytes()

    async def run_week(self, now: datetime | None = None) -> dict[str, int]:
        week_start = week_start_for((now or datetime.now(timezone.utc)) - timedelta(days=7))
        loads = await self._loads.delivered_in_week(week_start)
        carrier_ids = sorted({load.carrier_id for load in loads if load.carrier_id is not None})
        carriers = await self._carriers.get_many(carrier_ids)
        sent = skipped = 0
        for carrier_id in carrier_ids:
            carrier_loads = [load for load in loads if load.carrier_id == carrier_id]
            carrier = carriers.get(carrier_id)
            total = sum(load.agreed_rate_cents or 0 for load in carrier_loads)
            if total < MIN_SETTLEMENT_CENTS:
                skipped += 1
                continue
            elif total < 0:
                logger.error("negative settlement for carrier %s: %s", carrier_id, total)
                continue
            if carrier is None or not carrier.payout_account_id:
                logger.warning("carrier %s has no payout account; holding %s cents", carrier_id, total)
                skipped += 1
                continue
            async with self._locks.carrier(carrier_id):
                payout_id = await self._payouts.upsert_pending(carrier_id, week_start, total)
                await self._session.commit()
            try:
                transfer = await self._payments.create_transfer(carrier.payout_account_id, total)
            except PaymentError:
                continue
            await self._payouts.mark_sent(payout_id, transfer.id)
            for load in carrier_loads:
                load.paid_out_at = datetime.now(timezone.utc)
            await self._session.commit()
            PAYOUTS_SENT.inc()
            sent += 1
            pdf = await self.render_remittance(carrier.legal_name, carrier_loads, total)
            logger.info("remittance for carrier %s: %d bytes", carrier_id, len(pdf))
        return {"sent": sent, "skipped": skipped, "carriers": len(carrier_ids)}
