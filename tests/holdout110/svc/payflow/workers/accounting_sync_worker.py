"""Posts journal entries for paid runs. ``python -m payflow.workers.accounting_sync_worker``"""
from __future__ import annotations

import structlog

from payflow.clients.accounting_client import QuickBooksClient
from payflow.clients.xero_client import XeroClient
from payflow.db.engine import SessionFactory
from payflow.errors import AccountingSyncError
from payflow.repositories.ops_repo import AccountingRepository
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import EmployeeRepository
from payflow.services.accounting_sync import AccountingSyncService
from payflow.settings import get_settings
from payflow.workers.base import GracefulExit, run_worker

log = structlog.get_logger(__name__)


async def sync_pending(quickbooks: QuickBooksClient, xero: XeroClient) -> int:
    async with SessionFactory() as session:
        runs = PayRunRepository(session)
        pending = await runs.list_unsynced_paid(limit=50)
        service = AccountingSyncService(runs, EmployeeRepository(session), AccountingRepository(session), quickbooks, xero)
        synced = 0
        for run in pending:
            try:
                external_id = await service.sync_run(run)
                await session.commit()
                synced += 1
                log.info("payrun_synced", run_id=run.id, external_id=external_id)
            except AccountingSyncError as exc:
                await session.rollback()
                log.warning("payrun_sync_failed", run_id=run.id, error=exc.message)
                async with SessionFactory() as log_session:
                    await AccountingRepository(log_session).log(run.company_id, run.id, "error", None, exc.message)
                    await log_session.commit()
        return synced


async def main(exit_: GracefulExit) -> None:
    settings = get_settings()
    quickbooks = QuickBooksClient()
    xero = XeroClient()
    try:
        while not exit_.stopping:
            try:
                await sync_pending(quickbooks, xero)
            except Exception:
                log.exception("accounting_sync_cycle_failed")
            await exit_.sleep(settings.accounting_sync_interval_seconds)
    finally:
        await xero.close()


if __name__ == "__main__":
    run_worker("accounting_sync_worker", main)
