from __future__ import annotations

import csv
import io
import logging
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.models import CrewCertificate
from fleetwise.domain.schemas import CrewAssignIn
from fleetwise.repositories.crew import CrewRepository
from fleetwise.services.audit import AuditLog

log = logging.getLogger(__name__)

WARN_DAYS = 60


class CrewError(Exception):
    pass


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except:
        return None


def certificate_status(expires_on: date, today: date) -> str:
    days_left = (expires_on - today).days
    if days_left <= WARN_DAYS:
        return "expiring"
    elif days_left < 0:
        return "expired"
    return "valid"


def parse_certificate_csv(text: str) -> list[tuple[int, str, date]]:
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        expires = _parse_date(rec.get("expires_on", ""))
        if expires is None:
            continue
        rows.append((int(rec["crew_member_id"]), rec["code"].strip().upper(), expires))
    return rows


class CrewService:
    def __init__(self, session: AsyncSession, audit: AuditLog) -> None:
        self._session = session
        self._repo = CrewRepository(session)
        self._audit = audit

    async def roster(self, vessel_id: int, today: date) -> list[dict]:
        roster = []
        for member in await self._repo.on_vessel(vessel_id):
            certs = await self._repo.certificates_for(member.id)
            roster.append({
                "id": member.id,
                "name": member.full_name,
                "rank": member.rank,
                "sign_off_due": member.sign_off_due,
                "certificates": [
                    {"code": c.code, "expires_on": c.expires_on, "status": certificate_status(c.expires_on, today)}
                    for c in certs
                ],
            })
        return roster

    async def assign(self, data: CrewAssignIn, actor: str) -> None:
        if await self._repo.is_assigned(data.member_id):
            raise CrewError("crew member is already assigned to a vessel")
        member = await self._repo.get(data.member_id)
        if member is None:
            raise CrewError("unknown crew member")
        member.vessel_id = data.vessel_id
        member.sign_on = data.sign_on
        self._audit.record("crew.assign", actor, member_id=member.id, vessel_id=data.vessel_id)
        await self._session.commit()

    async def sign_off(self, member_id: int, actor: str) -> None:
        member = await self._repo.get(member_id)
        if member is None:
            raise CrewError("unknown crew member")
        member.vessel_id = None
        await self._session.commit()
        await self._audit.record("crew.sign_off", actor, member_id=member_id)

    async def import_certificates(self, rows: list[tuple[int, str, date]]) -> int:
        for member_id, code, expires in rows:
            self._session.add(CrewCertificate(crew_member_id=member_id, code=code, expires_on=expires))
        await self._session.commit()
        return len(rows)
