import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from fleet import nightly
from fleet.emissions import EmissionsService
from fleet.records import RecordRepository
from fleet.regulator import FuelRegistry, PortStateClient, RegulatorClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/fleet")
    service = EmissionsService(RecordRepository(pool), RegulatorClient("https://mrv.example.eu"),
                               FuelRegistry("https://fuel.example.eu"), PortStateClient("https://psc.example.eu"))
    task = asyncio.create_task(nightly.run(service))
    yield
    task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
