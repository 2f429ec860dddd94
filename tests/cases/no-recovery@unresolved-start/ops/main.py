"""Starts the plugins and the exporter with the application."""
from contextlib import asynccontextmanager

import aiohttp
import asyncpg
from fastapi import FastAPI

from ops.exporter import export_forever
from ops.plugins import CacheWarmer, QuotaSync
from ops.runner import Deferred, PluginHost
from ops.store import LedgerStore


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://ledger", command_timeout=10)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    host = PluginHost([QuotaSync(session), CacheWarmer(session)])
    host.launch()
    deferred = Deferred()
    deferred.add(lambda: export_forever(LedgerStore(pool), 30.0))
    deferred.start_all()
    yield
    await session.close()
    await pool.close()


app = FastAPI(lifespan=lifespan)
