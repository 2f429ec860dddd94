import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from yard.supervision import keep_alive
from yard.workers import CraneTelemetry, GateLog


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://yard@db/yard", command_timeout=10)
    gate_log = GateLog(pool)
    tasks = [asyncio.create_task(keep_alive("gate-log", gate_log.run))]
    tasks.append(asyncio.create_task(CraneTelemetry(pool).run()))
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
