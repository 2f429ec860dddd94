from __future__ import annotations

from fastapi import FastAPI

from .store import Entries

app = FastAPI()
entries = Entries()


@app.get("/entries/{entry_id}")
async def read_entry(entry_id: int) -> dict:  # expect: test-gap
    return entries.get(entry_id)


@app.post("/entries")
async def add_entry(amount: int) -> dict:
    return entries.add(amount)
