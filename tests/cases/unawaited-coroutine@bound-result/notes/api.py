"""Note endpoints."""
import asyncio

from fastapi import APIRouter, HTTPException

from notes.repository import Note, NoteRepository

router = APIRouter()
repo = NoteRepository({})


@router.patch("/notes/{note_id}")
async def edit(note_id: int, user_id: int, body: str) -> dict:
    note = repo.get(note_id)  # expect: unawaited-coroutine
    if note is None or note.owner_id != user_id:
        raise HTTPException(status_code=404)
    note.body = body
    await repo.save(note)
    return {"id": note_id}


@router.post("/notes/{note_id}/pin")
async def pin(note_id: int) -> dict:
    pending = repo.get(note_id)
    note = await pending
    if note is None:
        raise HTTPException(status_code=404)
    note.pinned = True
    await repo.save(note)
    return {"pinned": note.pinned}


@router.get("/notes/{note_id}/peek")
async def peek(note_id: int) -> dict:
    note = repo.cached(note_id)
    if note is None or note.owner_id < 0:
        raise HTTPException(status_code=404)
    return {"body": note.body}


@router.get("/notes/pair")
async def pair(first: int, second: int) -> list:
    a = repo.get(first)
    b = asyncio.ensure_future(repo.get(second))
    found = await asyncio.gather(a, b)
    if found[0] is None:
        raise HTTPException(status_code=404)
    return [n.body for n in found if n is not None]
