"""Editor API."""
from __future__ import annotations

from fastapi import FastAPI

from .drafts import drafts, markdown, previews

app = FastAPI()


@app.post("/previews/{author_id}")
async def make_preview(author_id: int, text: str) -> dict[str, str]:
    html = markdown.render(text)
    previews.put(author_id, html)
    return {"html": html}


@app.get("/previews/{author_id}")
async def show_preview(author_id: int) -> dict[str, str | None]:
    return {"html": previews.get(author_id)}


@app.put("/drafts/{author_id}")
async def save_draft(author_id: int, draft: dict) -> dict[str, bool]:
    await drafts.save(author_id, draft)
    return {"saved": True}


@app.get("/drafts/{author_id}")
async def load_draft(author_id: int) -> dict | None:
    return await drafts.load(author_id)
