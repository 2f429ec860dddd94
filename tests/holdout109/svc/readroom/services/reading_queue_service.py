from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.cache.sync_redis import mark_study_opened
from readroom.errors import Forbidden, NotFound, StudyAlreadyClaimed
from readroom.models import User
from readroom.repositories.reading_queue import ReadingQueueRepository
from readroom.repositories.studies import StudyRepository
from readroom.repositories.users import UserRepository
from readroom.services.notifications import publish_event
from readroom.services.queue_snapshot import QueueSnapshot
from readroom.settings import get_settings
from readroom.utils.timeutil import age_minutes, utcnow

log = logging.getLogger(__name__)


class ReadingQueueService:
    def __init__(self, session: AsyncSession, repo: ReadingQueueRepository, snapshot: QueueSnapshot) -> None:
        self.session = session
        self.repo = repo
        self.snapshot = snapshot
        self.studies = StudyRepository(session)
        self.users = UserRepository(session)
        self.settings = get_settings()

    def _targets(self) -> dict[str, int]:
        return {
            "STAT": self.settings.stat_tat_target_minutes,
            "URGENT": self.settings.urgent_tat_target_minutes,
            "ROUTINE": self.settings.routine_tat_target_minutes,
        }

    async def queue_for(self, user: User, subspecialty: str, limit: int) -> list[dict]:
        if subspecialty not in (user.subspecialties or []) and user.role != "admin":
            raise Forbidden(f"not credentialed for {subspecialty}")
        rows = await self.repo.list_unread(subspecialty, limit)
        targets = self._targets()
        items = []
        for row in rows:
            study = await self.studies.get(row["study_id"])
            if study is None:
                continue
            age = age_minutes(row["queued_at"])
            items.append(
                {
                    "assignment_id": row["id"],
                    "study_uid": study.study_instance_uid,
                    "accession": study.accession_number,
                    "patient_name": study.patient_name,
                    "modality": study.modality,
                    "description": study.description,
                    "priority": row["priority"],
                    "age_minutes": age,
                    "overdue": age >= targets.get(row["priority"], targets["ROUTINE"]),
                }
            )
        return items

    async def my_claims(self, user: User) -> list[dict]:
        rows = await self.repo.claimed_by(user.id)
        studies = await self.studies.get_many([r["study_id"] for r in rows])
        out = []
        for row in rows:
            study = studies.get(row["study_id"])
            if study is None:
                continue
            out.append(
                {
                    "assignment_id": row["id"],
                    "study_uid": study.study_instance_uid,
                    "accession": study.accession_number,
                    "claimed_at": row["claimed_at"].isoformat(),
                }
            )
        return out

    async def claim(self, assignment_id: int, user: User) -> dict:
        row = await self.repo.get(assignment_id)
        if row is None:
            raise NotFound(f"assignment {assignment_id} not found")
        if row["claimed_by"] is not None and row["claimed_by"] != user.id:
            raise StudyAlreadyClaimed("study already claimed", detail={"claimed_by": row["claimed_by"]})
        study_id = row["study_id"]
        study = await self.studies.get(study_id)
        if study is None:
            raise NotFound("study missing")
        if row["subspecialty"] not in (user.subspecialties or []) and row["priority"] != "STAT":
            raise Forbidden("not credentialed for this study")
        await self.repo.set_claim(assignment_id, user.id, utcnow())
        mark_study_opened(study.study_instance_uid, user.id)
        await self.snapshot.remove_claimed(assignment_id)
        return {"assignment_id": assignment_id, "study_uid": study.study_instance_uid, "claimed_by": user.id}

    async def claim_next(self, user: User, subspecialty: str) -> dict | None:
        for row in await self.repo.list_unread(subspecialty, 10):
            claimed = await self.repo.claim_if_free(row["id"], user.id, utcnow())
            if claimed is not None:
                await publish_event("claimed", {"assignment_id": row["id"], "user_id": user.id})
                return {"assignment_id": claimed["id"], "study_id": claimed["study_id"]}
        return None

    async def reassign(self, assignment_id: int, admin: User, to_user_id: int) -> dict:
        if admin.role not in ("admin", "chief"):
            raise Forbidden("only coordinators can reassign studies")
        target = await self.users.get(to_user_id)
        if target is None or not target.active:
            raise NotFound(f"user {to_user_id} not found")
        moved = await self.repo.reassign(assignment_id, to_user_id, utcnow())
        if not moved:
            raise NotFound(f"assignment {assignment_id} is not open")
        await publish_event("reassigned", {"assignment_id": assignment_id, "user_id": to_user_id})
        return {"assignment_id": assignment_id, "claimed_by": to_user_id}

    async def release(self, assignment_id: int, user: User) -> bool:
        released = await self.repo.release(assignment_id, user.id)
        if released:
            await publish_event("released", {"assignment_id": assignment_id})
        return released

    async def release_stale(self, max_age: timedelta) -> int:
        released = await self.repo.release_stale(utcnow() - max_age)
        if released:
            await publish_event("requeued", {"count": released})
        return released
