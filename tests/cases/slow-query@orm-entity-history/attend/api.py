from __future__ import annotations

from datetime import datetime

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from attend.db import get_session
from attend.repo import InspectionRepository, MemberRepository, SwipeRepository

app = FastAPI()


@app.post("/sites/{site_id}/swipes")
async def swipe(site_id: int, badge: str, door: str, session: AsyncSession = Depends(get_session)) -> dict:
    row = await SwipeRepository(session).record(site_id, badge, door, datetime.now())
    await session.commit()
    return {"id": row.id}


@app.get("/sites/{site_id}/swipes")
async def site_swipes(site_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await SwipeRepository(session).for_site(site_id)
    return [{"badge": r.badge, "door": r.door, "at": r.swiped_at.isoformat()} for r in rows]


@app.get("/sites/{site_id}/swipes/window")
async def site_window(site_id: int, start: datetime, end: datetime,
                      session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await SwipeRepository(session).for_site_between(site_id, start, end)
    return [{"badge": r.badge, "at": r.swiped_at.isoformat()} for r in rows]


@app.get("/sites/{site_id}/swipes/recent")
async def site_recent(site_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await SwipeRepository(session).recent_for_site(site_id)
    return [{"badge": r.badge, "at": r.swiped_at.isoformat()} for r in rows]


@app.get("/teams/{team_id}/members")
async def team_members(team_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await MemberRepository(session).of_team(team_id)
    return [{"name": m.name} for m in rows]


@app.get("/lockers/{locker_id}/inspections")
async def inspections(locker_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    rows = await InspectionRepository(session).of_locker(locker_id)
    return [{"note": r.note, "at": r.inspected_at.isoformat()} for r in rows]
