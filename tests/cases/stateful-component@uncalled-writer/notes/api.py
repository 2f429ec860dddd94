"""Note API."""
from __future__ import annotations

from fastapi import FastAPI

from notes.service import service

app = FastAPI()


@app.post("/notes/{note_id}/share")
async def share(note_id: str, link: str) -> dict:
    service.share(note_id, link)
    return {"ok": True}


@app.get("/notes/{note_id}/share")
async def shared(note_id: str) -> dict:
    return {"link": service.link_for(note_id)}
