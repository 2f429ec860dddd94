"""Notes: written through the factory kept on `app.state`, one insert per note or per registered kind."""
from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import func, insert, select

from .kinds import registered_kinds
from .models import Note
from .sessions import DbSessionFactory

router = APIRouter()


@router.post("/notes")
async def add_notes(request: Request, bodies: list[str]) -> dict:
    ids = []
    async with request.app.state.db() as session:
        for body in bodies:
            ids.append(await session.scalar(insert(Note).values(kind="memo", body=body).returning(Note.id)))  # expect: n-plus-one
    return {"ids": ids}


@router.get("/notes/kinds")
async def per_kind(request: Request) -> dict:
    counts = {}
    async with request.app.state.db.read() as session:
        for name, _cls in registered_kinds():
            counts[name] = await session.scalar(select(func.count()).where(Note.kind == name))
    return counts


async def seed(db: DbSessionFactory, bodies: list[str]) -> None:
    async with db() as session:
        for body in bodies:
            await session.execute(insert(Note).values(kind="todo", body=body))  # expect: n-plus-one
