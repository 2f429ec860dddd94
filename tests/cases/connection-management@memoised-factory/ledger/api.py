from fastapi import FastAPI

from ledger.store import audit_log, ledger_store

app = FastAPI()
DATABASE_URL = "postgresql+asyncpg://db/ledger"


@app.get("/accounts/{account}")
async def balance(account: str) -> dict:
    store = ledger_store(DATABASE_URL)
    await audit_log("redis://cache").client.rpush("reads", account)
    return {"balance": await store.balance(account)}


@app.on_event("shutdown")
async def shutdown() -> None:
    await ledger_store(DATABASE_URL).close()
