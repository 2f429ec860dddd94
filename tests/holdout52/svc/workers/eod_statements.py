from __future__ import annotations

import asyncio
import logging
from datetime import date

from ..cache.redis_client import get_redis
from ..clients.refdata import is_trading_day
from ..db.engine import SessionFactory
from ..repositories import accounts as accounts_repo
from ..services.statements import build_daily_statement
from ..utils.locks import LockNotAcquired, distributed_lock

logger = logging.getLogger(__name__)

_WORKERS = 8
_running: set[asyncio.Task] = set()


async def _worker(queue: asyncio.Queue, day: date, progress_key: str) -> None:
    redis = get_redis()
    while True:
        item = await queue.get()
        try:
            if item is None:
                return
            account_id, account_number = item
            await build_daily_statement(account_id, account_number, day)
            await redis.hincrby(progress_key, "done", 1)
        except Exception:
            logger.exception("statement for account %s on %s failed", item, day)
            await redis.hincrby(progress_key, "failed", 1)
        finally:
            queue.task_done()


async def run(day: date) -> None:
    if not await asyncio.to_thread(is_trading_day, day):
        logger.info("%s is not a trading day; no statements", day)
        return
    try:
        async with distributed_lock(f"eod-statements:{day.isoformat()}", ttl_seconds=3 * 3600):
            redis = get_redis()
            progress_key = f"eod:progress:{day.isoformat()}"
            redis.expire(progress_key, 86_400)
            queue: asyncio.Queue = asyncio.Queue()
            workers = [asyncio.create_task(_worker(queue, day, progress_key)) for _ in range(_WORKERS)]
            async with SessionFactory() as session:
                async for batch in accounts_repo.iter_active_accounts(session):
                    for account in batch:
                        queue.put_nowait((account.id, account.account_number))
            for _ in workers:
                queue.put_nowait(None)
            await asyncio.gather(*workers)
            log.info("statements for %s finished", day)
    except LockNotAcquired:
        logger.info("statements for %s already running elsewhere", day)


async def trigger(day: date) -> bool:
    task = asyncio.create_task(run(day), name=f"eod-statements-{day}")
    _running.add(task)
    task.add_done_callback(_running.discard)
    return True
