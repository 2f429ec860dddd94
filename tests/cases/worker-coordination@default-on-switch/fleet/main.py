import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from fleet.jobs import LeaseExpirer, invoice_mileage, purge_trips
from fleet.settings import Settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    config = Settings()
    tasks = []
    if config.start_background_jobs:
        tasks.append(asyncio.create_task(LeaseExpirer().run()))
    if config.run_scheduler:  # one configured node: RA506's subject, not this rule's
        tasks.append(asyncio.create_task(invoice_mileage()))
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
