from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from redis.asyncio import Redis

from ..clients.storage import ExportStorage
from ..errors import Conflict, NotFound
from ..models.tenant import CloudAccount
from ..redis_client import tenant_channel
from ..repositories.accounts import AccountRepository
from ..repositories.costs import CostRepository
from ..repositories.jobs import JobRepository
from .budgets import BudgetService
from .normalize import Normalizer

logger = logging.getLogger(__name__)


class IngestionService:
    def __init__(
        self,
        storage: ExportStorage,
        normalizer: Normalizer,
        costs: CostRepository,
        accounts: AccountRepository,
        budgets: BudgetService,
        jobs: JobRepository,
        redis: Redis,
    ) -> None:
        self._storage = storage
        self._normalizer = normalizer
        self._costs = costs
        self._accounts = accounts
        self._budgets = budgets
        self._jobs = jobs
        self._redis = redis
        self._run_lock = asyncio.Lock()
        self._inflight_syncs: set[int] = set()
        self._background: set[asyncio.Task] = set()

    async def request_sync(self, tenant_id: int, account_id: int) -> int:
        if account_id in self._inflight_syncs:
            raise Conflict("a sync is already running for this account")
        account = await self._accounts.get(account_id)
        if account is None or account.tenant_id != tenant_id:
            raise NotFound("account not found")
        keys = await self._storage.list_exports(account.export_prefix)
        self._inflight_syncs.add(account_id)
        task = asyncio.create_task(self._sync(account, keys), name=f"sync-{account_id}")
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return len(keys)

    async def _sync(self, account: CloudAccount, keys: list[str]) -> None:
        try:
            for key in keys:
                await self.ingest_export(account, key)
        except Exception:
            logger.exception("manual sync failed account=%s", account.id)
        finally:
            self._inflight_syncs.discard(account.id)

    async def enqueue_from_notification(self, provider: str, external_id: str, key: str) -> int:
        record = await self._accounts.find_by_external_id(provider, external_id)
        if record is None:
            raise NotFound(f"no {provider} account {external_id}")
        return await self._jobs.enqueue_ingest(record["id"], key)

    async def ingest_account(self, account: CloudAccount) -> int:
        keys = await self._storage.list_exports(account.export_prefix)
        inserted = 0
        for key in keys:
            inserted += await self.ingest_export(account, key)
        return inserted

    async def ingest_export(self, account: CloudAccount, key: str) -> int:
        await self._run_lock.acquire()
        try:
            raw = await self._storage.fetch_export(key)
            rows = await self._normalizer.normalize_export(account.provider, account.tenant_id, account.id, raw, key)
            inserted = await self._costs.insert_line_items(rows)
            if rows:
                await self._finalize_run(account, rows)
        finally:
            self._run_lock.release()
        logger.info("ingested %s rows=%d new=%d", key, len(rows), inserted)
        return inserted

    async def _finalize_run(self, account: CloudAccount, rows: list[dict]) -> None:
        days = sorted({row["usage_date"] for row in rows})
        async with self._run_lock:
            await self._costs.rebuild_daily(account.id, days[0], days[-1])
            await self._accounts.mark_ingested(account.id, datetime.now(timezone.utc))
        spent = sum((row["cost"] for row in rows), Decimal(0))
        await self._budgets.record_spend(account.tenant_id, account.id, spent)
        update = {"type": "ingested", "account_id": account.id, "through": days[-1].isoformat(), "amount": str(spent)}
        await self._redis.publish(tenant_channel(account.tenant_id), json.dumps(update))

    async def archive_copy(self, key: str, target: Path) -> Path:
        return await asyncio.to_thread(self._storage.download_to, key, target)
