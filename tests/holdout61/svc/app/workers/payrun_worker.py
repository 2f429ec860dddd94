from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from redis.exceptions import RedisError
from sqlalchemy import select

from app.clients.notifications import PushNotifier
from app.clients.tax_tables import TaxTableClient
from app.database import SessionFactory
from app.metrics import PAYRUN_FAILURES
from app.models import PayRun, PayRunStatus
from app.repositories.payouts import PayoutRepository
from app.repositories.payruns import PayRunRepository
from app.services.payrun_service import PayRunService
from app.services.payslip_service import PayslipService
from app.timeutil import utcnow

log = logging.getLogger(__name__)


class PayRunWorker:
    """Consumes pay run ids from the Redis queue, computes them and archives payslips."""

    def __init__(
        self,
        client: redis.Redis,
        queue_name: str,
        tax: TaxTableClient,
        payouts: PayoutRepository,
        push: PushNotifier,
        archive_dir: str,
    ) -> None:
        self._redis = client
        self._queue = queue_name
        self._tax = tax
        self._payouts = payouts
        self._push = push
        self._archive_dir = archive_dir
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def requeue_interrupted(self) -> None:
        async with SessionFactory() as session:
            stuck = await session.scalars(select(PayRun.id).where(PayRun.status == PayRunStatus.RUNNING))
            for run_id in stuck:
                log.warning("re-queueing interrupted pay run %s", run_id)
                await self._redis.rpush(self._queue, run_id)

    async def run(self) -> None:
        await self.requeue_interrupted()
        failures = 0
        while not self._stopping.is_set():
            try:
                popped = await self._redis.blpop([self._queue], timeout=5)
            except RedisError:
                failures += 1
                log.exception("pay run queue unavailable (attempt %d)", failures)
                await asyncio.sleep(min(60, 2**failures))
                continue
            failures = 0
            if popped is None:
                continue
            run_id = int(popped[1])
            try:
                await self._process(run_id)
            except Exception:
                log.exception("post-processing of pay run %s failed", run_id)

    async def _process(self, run_id: int) -> None:
        log.info("computing pay run %s", run_id)
        async with SessionFactory() as session:
            service = PayRunService(session, self._redis, self._tax, self._payouts, self._queue)
            try:
                count = await service.compute(run_id)
            except Exception as exc:
                await session.rollback()
                await PayRunRepository(session).set_status(
                    run_id, PayRunStatus.FAILED, error=str(exc)[:500], at=utcnow()
                )
                await session.commit()
                PAYRUN_FAILURES.inc()
                return
            run = await PayRunRepository(session).get(run_id)
            employee_ids = await PayslipService(session, self._archive_dir).archive_run(run_id)
        if run is not None:
            self._redis.delete(f"payrun:active:{run.period_start.isoformat()}")
        log.info("pay run %s computed: %d items, %d payslips", run_id, count, len(employee_ids))
        await self._notify(employee_ids)

    async def _notify(self, employee_ids: list[int]) -> None:
        results = await asyncio.gather(
            *(
                self._push.notify_employee(emp_id, "Your payslip is ready", "Open the app to view it.")
                for emp_id in employee_ids
            ),
            return_exceptions=True,
        )
        failed = sum(1 for r in results if r is not True)
        if failed:
            log.warning("%d of %d payslip notifications failed", failed, len(results))
