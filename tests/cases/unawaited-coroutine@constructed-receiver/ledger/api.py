"""Ledger endpoints."""
from fastapi import FastAPI

from ledger.store import ArchiveRepository, EntryRepository, repository_for

app = FastAPI()
ROWS: list = []


@app.post("/entries")
async def add_entry(amount: int) -> dict:
    EntryRepository(ROWS).add({"amount": amount})  # expect: unawaited-coroutine
    return {"count": EntryRepository(ROWS).count()}


@app.post("/entries/awaited")
async def add_awaited(amount: int) -> dict:
    await EntryRepository(ROWS).add({"amount": amount})
    return {"ok": True}


@app.post("/entries/archive")
async def archive(amount: int) -> dict:
    ArchiveRepository(ROWS).add({"amount": amount})
    return {"ok": True}


@app.post("/entries/factory")
async def via_factory(amount: int) -> dict:
    repository_for(ROWS).add({"amount": amount})
    return {"ok": True}
