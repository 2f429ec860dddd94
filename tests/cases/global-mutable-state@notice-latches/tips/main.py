from fastapi import FastAPI

from .hints import (export_hint_once, note_slow_call, quota_hint_once, remember_query, search_hint, slow_calls,
                    welcome_once)

app = FastAPI()


@app.get("/search")
async def search(q: str, used: int = 0) -> dict:
    welcome_once(used == 0)
    quota_hint_once(used)
    search_hint(len(q))
    remember_query(q)
    if len(q) > 200:
        note_slow_call()
    return {"results": []}


@app.get("/export")
async def export() -> dict:
    export_hint_once(rows=20_000)
    return {"rows": []}


@app.get("/status")
async def status() -> dict:
    return {"slow_calls": slow_calls()}
