from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.errors import ConflictDetected, NotFound
from lexdesk.models import Matter
from lexdesk.repositories.deadlines import DeadlineRepository
from lexdesk.repositories.documents import DocumentRepository
from lexdesk.repositories.matters import ClientRepository, MatterRepository
from lexdesk.schemas import MatterIn
from lexdesk.security import Principal
from lexdesk.services.activity import ActivityService
from lexdesk.services.conflicts import ConflictService
from lexdesk.utils.text import normalize_party_name

log = logging.getLogger(__name__)

OCR_STATES = ("pending", "done", "failed")


def _matter_number(year: int, seq: int) -> str:
    return f"{year % 100:02d}-{seq:05d}"


class MatterService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession],
        conflicts: ConflictService, activity: ActivityService,
    ) -> None:
        self._sessions = sessions
        self._conflicts = conflicts
        self._activity = activity

    async def open_matter(self, principal: Principal, payload: MatterIn, *, waive_conflicts: bool = False) -> Matter:
        names = [p.name for p in payload.parties]
        report = await self._conflicts.check(principal, names, prospective_client_id=payload.client_id)
        if report.has_blocking and not waive_conflicts:
            raise ConflictDetected("blocking conflicts found", check_id=report.check_id, hits=len(report.hits))

        async with self._sessions() as session, session.begin():
            client = await ClientRepository(session).get(payload.client_id)
            if client is None or client.firm_id != principal.firm_id:
                raise NotFound("client", payload.client_id)
            matters = MatterRepository(session)
            seq = await matters.next_matter_number(principal.firm_id)
            matter = matters.add(
                Matter(
                    firm_id=principal.firm_id, client_id=client.id,
                    number=_matter_number(datetime.now().year, seq), title=payload.title,
                    practice_area=payload.practice_area,
                    responsible_attorney_id=payload.responsible_attorney_id,
                )
            )
            await matters.flush()
            matters.add_party(matter, client.name, normalize_party_name(client.name), "client")
            for party in payload.parties:
                matters.add_party(matter, party.name, normalize_party_name(party.name), party.role)

        await self._activity.publish(
            matter.id,
            {"type": "matter.opened", "actor_id": principal.user_id, "number": matter.number, "check_id": report.check_id},
        )
        log.info("matter opened", extra={"matter_id": matter.id, "firm_id": principal.firm_id})
        return matter

    async def overview(self, principal: Principal, matter_id: int) -> dict:
        async with self._sessions() as session:
            matter = await MatterRepository(session).get_with_parties(matter_id)
            if matter is None or matter.firm_id != principal.firm_id:
                raise NotFound("matter", matter_id)
            documents = DocumentRepository(session)
            ocr_counts = {}
            for state in OCR_STATES:
                ocr_counts[state] = await documents.count_by_ocr_status(matter_id, state)
            deadlines = await DeadlineRepository(session).upcoming_for_matter(matter_id, limit=5)

        activity = await self._activity.recent(matter_id, limit=20)
        return {
            "id": matter.id, "number": matter.number, "title": matter.title, "status": matter.status,
            "client": {"id": matter.client.id, "name": matter.client.name},
            "parties": [{"name": p.name, "role": p.role} for p in matter.parties],
            "documents": ocr_counts,
            "deadlines": [{"id": d.id, "title": d.title, "due_at": d.due_at.isoformat()} for d in deadlines],
            "activity": activity,
        }
