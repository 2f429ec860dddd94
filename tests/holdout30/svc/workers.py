"""Background jobs run alongside the API: overdue detection, FX refresh, statement polling."""
from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta, timezone

from redis.asyncio import Redis
from redis.exceptions import LockError

from svc.api.deps import Container
from svc.clients import bank
from svc.db.invoices_repo import InvoiceRepository
from svc.errors import InvalidStatement
from svc.services.reconciliation import parse_camt053

log = logging.getLogger(__name__)


class PeriodicJob:
    """Runs ``job`` every ``interval`` seconds on whichever replica holds the redis lock."""

    def __init__(self, name: str, job: Callable[[], Awaitable[object]], interval: float, redis: Redis) -> None:
        self.name = name
        self._job = job
        self._interval = interval
        self._redis = redis
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    async def _run_once(self) -> None:
        lock = self._redis.lock(f"ar:lock:{self.name}", timeout=max(60.0, self._interval), blocking=False)
        if not await lock.acquire():
            return
        try:
            await self._job()
        finally:
            try:
                await lock.release()
            except LockError:
                log.warning("job lock expired before release", extra={"job": self.name})

    async def run(self) -> None:
        failures = 0
        while not self._stopped:
            try:
                await self._run_once()
                failures = 0
                delay = self._interval
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(600.0, 5.0 * 2**failures) + random.uniform(0, 5)
                log.exception("periodic job failed", extra={"job": self.name, "failures": failures, "retry_in": delay})
            await asyncio.sleep(delay)


async def overdue_loop(container: Container) -> None:
    """Flag invoices past their due date and send dunning letters."""
    while True:
        today = date.today()
        async with container.db.session() as session:
            repo = InvoiceRepository(session)
            overdue = await repo.overdue(today, limit=1000)
            flagged = await repo.mark_overdue([inv.id for inv in overdue])
            await session.commit()
        sent = await container.dunning.run(today, batch_size=500)
        log.info("overdue scan done", extra={"flagged": flagged, "reminders": sent})
        await asyncio.sleep(container.settings.overdue_scan_seconds)


async def poll_statements(container: Container) -> None:
    settings = container.settings
    session = bank.new_session(settings)
    since = (datetime.now(timezone.utc) - timedelta(days=2)).date().isoformat()
    refs = await asyncio.to_thread(bank.list_new_statements, session, settings.bank_api_url, since)
    for ref in refs:
        raw = await asyncio.to_thread(bank.download_statement, session, settings.bank_api_url, ref.statement_id)
        await asyncio.to_thread(bank.archive_raw_statement, settings.pdf_archive_dir, ref.statement_id, raw)
        try:
            statement = await asyncio.to_thread(parse_camt053, raw)
        except InvalidStatement as exc:
            print(f"skipping statement {ref.statement_id}: {exc}")
            continue
        tenant_id = await container.cache_redis.get(f"ar:iban-tenant:{statement.iban}")
        if tenant_id is None:
            log.warning("statement for unknown account", extra={"iban_suffix": statement.iban[-4:]})
            continue
        await container.reconciliation.import_statement(uuid.UUID(tenant_id), statement)


def scheduled_jobs(container: Container) -> list[PeriodicJob]:
    settings = container.settings
    return [
        PeriodicJob("fx-refresh", container.fx.refresh, settings.fx_refresh_seconds, container.lock_redis),
        PeriodicJob(
            "statement-poll",
            lambda: poll_statements(container),
            settings.statement_poll_seconds,
            container.lock_redis,
        ),
    ]
