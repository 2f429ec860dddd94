"""Ledger API: sync endpoints, threadpool sized to the engine's pool."""
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from ledger import entries, settings
from ledger.db import engine, get_db


@asynccontextmanager
async def lifespan(app: FastAPI):
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.THREADPOOL_SIZE
    yield
    engine.dispose()


app = FastAPI(title="ledger", lifespan=lifespan)


@app.get("/accounts/{account}/balance")
def account_balance(account: str, db: Session = Depends(get_db)) -> dict:
    return {"account": account, "balance": entries.balance(db, account)}
