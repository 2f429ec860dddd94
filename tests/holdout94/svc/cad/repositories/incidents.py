from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, text, update

from ..models import Incident
from .base import BaseRepository


class IncidentRepository(BaseRepository[Incident]):
    model = Incident

    async def next_number(self, year: int) -> str:
        prefix = f"{year % 100:02d}-"
        last = await self.session.scalar(select(func.max(Incident.number)).where(Incident.number.like(f"{prefix}%")))
        seq = int(last.split("-")[1]) + 1 if last else 1
        return f"{prefix}{seq:06d}"

    async def create(self, **fields) -> Incident:
        incident = Incident(**fields)
        self.session.add(incident)
        await self.session.flush()
        return incident

    async def list_open(self, agency: str, limit: int = 200) -> list[Incident]:
        stmt = (
            select(Incident)
            .where(Incident.agency == agency, Incident.status.in_(("pending", "dispatched", "active")))
            .order_by(Incident.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def page(self, status: str, before: datetime | None, limit: int = 50) -> list[Incident]:
        stmt = select(Incident).where(Incident.status == status)
        if before is not None:
            stmt = stmt.where(Incident.created_at < before)
        stmt = stmt.order_by(Incident.created_at.desc()).limit(min(limit, 200))
        return list((await self.session.execute(stmt)).scalars())

    async def search_address(self, fragment: str, limit: int = 25) -> list[Incident]:
        sql = text(
            "SELECT id, number, address, status, created_at FROM incidents "
            "WHERE address ILIKE '%' || :frag || '%' ORDER BY created_at DESC LIMIT :limit"
        )
        rows = await self.session.execute(sql, {"frag": fragment, "limit": limit})
        return list(rows.mappings())

    async def address_prefix(self, prefix: str, limit: int = 25) -> list[Incident]:
        sql = text(
            "SELECT id, number, address, status, created_at FROM incidents "
            "WHERE address LIKE :prefix || '%' ORDER BY address LIMIT :limit"
        )
        rows = await self.session.execute(sql, {"prefix": prefix, "limit": limit})
        return list(rows.mappings())

    async def for_day(self, day: date) -> list[Incident]:
        stmt = select(Incident).where(func.date(Incident.created_at) == day).order_by(Incident.created_at)
        return list((await self.session.execute(stmt)).scalars())

    async def between(self, start: datetime, end: datetime) -> list[Incident]:
        stmt = (
            select(Incident)
            .where(Incident.created_at >= start, Incident.created_at < end)
            .order_by(Incident.created_at)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def set_status(self, incident_id: int, status: str, closed_at: datetime | None = None) -> None:
        await self.session.execute(
            update(Incident).where(Incident.id == incident_id).values(status=status, closed_at=closed_at)
        )
