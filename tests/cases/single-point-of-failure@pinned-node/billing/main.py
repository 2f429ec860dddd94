"""Only the configured node invoices; every node warms its own price table."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from billing.jobs import Invoicer, PriceWarmer
from billing.settings import Settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = Settings()
    pool = await asyncpg.create_pool("postgresql://billing@db/billing", command_timeout=30)
    invoicer = Invoicer(pool)
    if settings.node_name == settings.invoicing_node:  # expect: single-point-of-failure
        invoicer.start()
    warmer = PriceWarmer(pool)
    app.state.warmer = warmer
    if settings.warm_cache:
        app.state.warm_task = asyncio.create_task(warmer.run())
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)
