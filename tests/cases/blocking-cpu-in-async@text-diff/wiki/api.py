from __future__ import annotations

import asyncio
import difflib

from fastapi import FastAPI

from wiki.compare import changed_lines, side_by_side

app = FastAPI()
PAGES: dict[int, list[str]] = {}


@app.get("/pages/{page_id}/delta")
async def delta(page_id: int, a: int, b: int) -> dict:
    revisions = PAGES[page_id]
    out = difflib.ndiff(revisions[a].splitlines(), revisions[b].splitlines())  # expect: blocking-cpu-in-async
    return {"delta": list(out)}


@app.get("/pages/{page_id}/compare")
async def compare(page_id: int, a: int, b: int) -> dict:
    revisions = PAGES[page_id]
    return {"html": side_by_side(revisions[a], revisions[b])}  # expect: blocking-cpu-in-async


@app.get("/pages/{page_id}/changes")
async def changes(page_id: int, a: int, b: int) -> dict:
    revisions = PAGES[page_id]
    lines = await asyncio.to_thread(changed_lines, revisions[a], revisions[b])
    return {"changes": lines}
