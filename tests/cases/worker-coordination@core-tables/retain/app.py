import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .store import AuditStore

log = logging.getLogger(__name__)
store = AuditStore("postgresql://db/audit")


async def retention_loop() -> None:  # expect: worker-coordination
    while True:
        try:
            await asyncio.to_thread(store.prune, 30)
        except Exception:
            log.exception("prune failed")
        await asyncio.sleep(3600)


async def runs_loop() -> None:  # expect: worker-coordination
    while True:
        try:
            await asyncio.to_thread(store.purge_runs, 7)
        except Exception:
            log.exception("purge failed")
        await asyncio.sleep(3600)


async def report_loop() -> None:
    while True:
        try:
            old = await asyncio.to_thread(store.count_old, 30)
            log.info("%d old steps", old)
        except Exception:
            log.exception("count failed")
        await asyncio.sleep(3600)


@asynccontextmanager
async def lifespan(app: FastAPI):
    prune = asyncio.create_task(retention_loop())
    purge = asyncio.create_task(runs_loop())
    report = asyncio.create_task(report_loop())
    yield
    for task in (prune, purge, report):
        task.cancel()


app = FastAPI(lifespan=lifespan)
