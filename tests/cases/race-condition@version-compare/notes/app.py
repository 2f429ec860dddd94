"""HTTP entry points of the notes service."""
from fastapi import FastAPI

from .service import NoteService

app = FastAPI()
service = NoteService()


@app.put("/notes/{note_id}")
async def edit(note_id: int, expected_version: int, body: str) -> int:
    return await service.edit(note_id, expected_version, body)


@app.put("/notes/{note_id}/title")
async def retitle(note_id: int, expected_version: int, title: str) -> int:
    return await service.retitle(note_id, expected_version, title)


@app.put("/notes/{note_id}/owner")
async def touch(note_id: int, user_id: str) -> None:
    await service.touch(note_id, user_id)
