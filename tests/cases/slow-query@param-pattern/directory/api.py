"""Routes over the repository."""
from datetime import datetime

from fastapi import APIRouter, Depends, Request

from directory.repo import DirectoryRepo

router = APIRouter()


def get_repo(request: Request) -> DirectoryRepo:
    return request.app.state.repo


@router.get("/companies/search")
async def search(q: str, repo: DirectoryRepo = Depends(get_repo)) -> list[dict]:
    rows = await repo.search(q) + await repo.search_prefix(q) + await repo.search_slug(q)
    return [dict(r) for r in rows]


@router.get("/companies/{company_id}/events")
async def events(company_id: int, start: datetime, end: datetime, after_id: int = 0,
                 repo: DirectoryRepo = Depends(get_repo)) -> list[dict]:
    rows = await repo.export_events(company_id) + await repo.events_between(company_id, start, end)
    return [dict(r) for r in rows + await repo.events_page(company_id, after_id) + await repo.contacts(company_id)
            + await repo.notes(company_id)]


@router.post("/companies/{company_id}/notes")
async def add_note(company_id: int, body: str, repo: DirectoryRepo = Depends(get_repo)) -> dict:
    await repo.add_note(company_id, body)
    await repo.record_event(company_id, "note", 0.0, body[:32])
    return {"ok": True}


@router.put("/notes/{note_id}")
async def edit_note(note_id: int, body: str, repo: DirectoryRepo = Depends(get_repo)) -> dict:
    await repo.edit_note(note_id, body)
    return {"ok": True}
