"""Executes approved pay runs: payouts, payslips, progress. ``python -m payflow.workers.payrun_executor``"""
from __future__ import annotations

import asyncio
import json
import os
import socket
from decimal import Decimal

import structlog

from payflow.cache.redis_client import get_redis
from payflow.clients.email_client import EmailClient
from payflow.clients.object_storage import ObjectStorage
from payflow.clients.payments_client import PaymentsClient
from payflow.db.engine import SessionFactory
from payflow.models import PayRunStatus
from payflow.repositories.document_repo import PayslipRepository
from payflow.repositories.payout_repo import PayoutRepository
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.services.payout_service import funding_ledger
from payflow.services.payout_service import PayoutService
from payflow.services.payslip_service import PayslipService
from payflow.services.progress import ProgressPublisher
from payflow.settings import get_settings
from payflow.utils.common import utcnow
from payflow.workers.base import GracefulExit, run_worker

log = structlog.get_logger(__name__)
ZERO = Decimal("0")


class PayRunExecutor:
    def __init__(self, payments: PaymentsClient, storage: ObjectStorage, email: EmailClient) -> None:
        self.settings = get_settings()
        self.redis = get_redis()
        self.payments = payments
        self.storage = storage
        self.email = email
        self.progress = ProgressPublisher(self.redis)
        self.consumer = f"{socket.gethostname()}-{os.getpid()}"
        self._stats_lock = asyncio.Lock()
        self._paid_today: dict[int, Decimal] = {}

    async def ensure_group(self) -> None:
        try:
            await self.redis.xgroup_create(self.settings.jobs_stream, self.settings.jobs_group, id="0", mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def reclaim_stale(self, min_idle_ms: int = 15 * 60 * 1000) -> int:
        """Takes over jobs whose consumer died mid-run; execution itself is guarded by the DB claim."""
        reclaimed = 0
        cursor = "0-0"
        while True:
            cursor, messages, _deleted = await self.redis.xautoclaim(
                self.settings.jobs_stream,
                self.settings.jobs_group,
                self.consumer,
                min_idle_time=min_idle_ms,
                start_id=cursor,
                count=10,
            )
            for message_id, fields in messages:
                await self.handle(message_id, fields)
                reclaimed += 1
            if cursor == "0-0" or not messages:
                return reclaimed

    async def poll(self, exit_: GracefulExit) -> None:
        await self.reclaim_stale()
        while not exit_.stopping:
            batches = await self.redis.xreadgroup(
                self.settings.jobs_group,
                self.consumer,
                {self.settings.jobs_stream: ">"},
                count=4,
                block=5000,
            )
            for _stream, messages in batches or []:
                await asyncio.gather(*(self.handle(message_id, fields) for message_id, fields in messages))

    async def handle(self, message_id: str, fields: dict) -> None:
        if fields.get("kind") != "payrun.execute":
            await self.redis.xack(self.settings.jobs_stream, self.settings.jobs_group, message_id)
            return
        payload = json.loads(fields["payload"])
        try:
            await self.execute(payload["company_id"], payload["run_id"])
        except Exception:
            log.exception("payrun_execution_failed", run_id=payload["run_id"])
            async with SessionFactory() as session:
                await PayRunRepository(session).set_status(payload["run_id"], PayRunStatus.FAILED)
                await session.commit()
            await self.progress.publish(payload["company_id"], payload["run_id"], "failed", 0, 0)
        await self.redis.xack(self.settings.jobs_stream, self.settings.jobs_group, message_id)

    async def execute(self, company_id: int, run_id: int) -> None:
        async with SessionFactory() as session:
            runs = PayRunRepository(session)
            if not await runs.claim_for_execution(run_id, utcnow()):
                log.info("payrun_already_claimed", run_id=run_id)
                return
            await session.commit()

            run = await runs.get_with_lines(run_id)
            company = await CompanyRepository(session).get(company_id)
            employees = await EmployeeRepository(session).by_ids([line.employee_id for line in run.lines])
            payouts = PayoutService(PayoutRepository(session), EmployeeRepository(session), self.payments, funding_ledger)
            if not await funding_ledger.reserve(company_id, run.net_total, lambda: payouts.funding_balance(company)):
                raise RuntimeError(f"insufficient funding for run {run_id}")

            created = await payouts.build_for_run(company_id, run_id, company.currency, list(run.lines), employees)
            await session.commit()
            self.progress.publish(company_id, run_id, "payouts_created", created, len(run.lines))

            try:
                submitted = await payouts.dispatch_run(company_id, run_id)
                await session.commit()
            finally:
                await funding_ledger.settle(company_id, run.net_total)
            await self.progress.publish(company_id, run_id, "payouts_submitted", submitted, created)

            slips = PayslipService(
                runs,
                PayslipRepository(session),
                EmployeeRepository(session),
                CompanyRepository(session),
                self.storage,
                self.email,
            )
            generated = await slips.generate_for_run(run_id)
            await runs.set_status(run_id, PayRunStatus.PAID)
            await session.commit()
            await slips.send_notices(run_id)
            await session.commit()
        await self.record_completion(company_id, run.net_total)
        await self.progress.publish(company_id, run_id, "paid", generated, generated)

    async def record_completion(self, company_id: int, amount: Decimal) -> None:
        async with self._stats_lock:
            self._paid_today[company_id] = self._paid_today.get(company_id, ZERO) + amount
            await self._emit_stats(company_id)

    async def _emit_stats(self, company_id: int) -> None:
        async with self._stats_lock:
            total = self._paid_today.get(company_id, ZERO)
        await self.redis.hset("payflow:paid-today", str(company_id), str(total))


async def main(exit_: GracefulExit) -> None:
    payments = PaymentsClient()
    storage = ObjectStorage()
    email = EmailClient()
    await email.start()
    executor = PayRunExecutor(payments, storage, email)
    await executor.ensure_group()
    try:
        await executor.poll(exit_)
    finally:
        await payments.close()
        await email.close()


if __name__ == "__main__":
    run_worker("payrun_executor", main)
