from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot.workers.supervisor import Runner


@asynccontextmanager
async def lifespan(app: FastAPI):
    runner = Runner({"carrier_host": "carrier.internal", "ledger_url": "http://ledger/entries",
                     "scanner_host": "scanner.internal"})
    runner.start()
    yield
    await runner.stop()


app = FastAPI(lifespan=lifespan)
