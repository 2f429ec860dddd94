"""arq worker entry point: `arq svc.jobs.worker.WorkerSettings`."""
from __future__ import annotations

from typing import Any

from arq import cron
from arq.connections import RedisSettings

from svc.clients.payments import payment_provider
from svc.config import settings
from svc.db.engine import dispose_engine
from svc.jobs.payouts import run_driver_payouts
from svc.services.receipts import resend_receipts_batched, send_receipt


async def send_receipt_job(ctx: dict[str, Any], ride_id: int) -> None:
    await send_receipt(ride_id)


async def resend_receipts_job(ctx: dict[str, Any], ride_ids: list[int]) -> int:
    return await resend_receipts_batched(ride_ids)


async def startup(ctx: dict[str, Any]) -> None:
    await payment_provider.start()


async def shutdown(ctx: dict[str, Any]) -> None:
    await payment_provider.close()
    await dispose_engine()


class WorkerSettings:
    functions = [run_driver_payouts, send_receipt_job, resend_receipts_job]
    cron_jobs = [cron(run_driver_payouts, weekday="mon", hour=3, minute=0, run_at_startup=False, timeout=3600)]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(settings.redis_url)
    max_jobs = 10
    job_timeout = 1800
