from __future__ import annotations

from fastapi import APIRouter, Query

from svc.deps import SessionDep, StaffDep
from svc.repositories import guests as guests_repo

router = APIRouter(prefix="/guests", tags=["guests"])


@router.get("/search")
async def search(session: SessionDep, staff: StaffDep, q: str = Query(min_length=2)) -> list[dict]:
    return [
        {"id": g.id, "name": f"{g.first_name} {g.last_name}", "email": g.email}
        for g in await guests_repo.search(session, q)
    ]


@router.get("/by-surname")
async def by_surname(session: SessionDep, staff: StaffDep, prefix: str = Query(min_length=2)) -> list[dict]:
    return [
        {"id": g.id, "name": f"{g.first_name} {g.last_name}", "email": g.email}
        for g in await guests_repo.lookup_by_surname_prefix(session, prefix)
    ]
