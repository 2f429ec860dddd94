from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from ledger.imports import ImportService
from ledger.repo import StatementRepository


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://ledger@db/ledger", command_timeout=10)
    app.state.imports = ImportService(StatementRepository(pool))
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/accounts/{iban}/statements")
async def upload(iban: str, lines: list[dict]) -> dict:
    return {"import_id": await app.state.imports.import_statement(iban, lines)}


@app.get("/accounts/{iban}/balance")
async def balance(iban: str) -> dict:
    return {"balance": await app.state.imports.balance(iban)}
