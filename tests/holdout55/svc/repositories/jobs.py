from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select, text, update

from svc.db.models import Job
from svc.repositories.base import BaseRepository

TERMINAL = ("success", "failed", "cancelled", "error")


class JobRepository(BaseRepository[Job]):
    model = Job

    async def create_many(self, jobs: list[Job]) -> list[Job]:
        self.session.add_all(jobs)
        await self.session.flush()
        return jobs

    async def list_for_build(self, build_id: int) -> list[Job]:
        stmt = select(Job).where(Job.build_id == build_id).order_by(Job.id)
        return list((await self.session.execute(stmt)).scalars())

    async def list_for_builds(self, build_ids: list[int]) -> dict[int, list[Job]]:
        if not build_ids:
            return {}
        stmt = select(Job).where(Job.build_id.in_(build_ids)).order_by(Job.id)
        grouped: dict[int, list[Job]] = defaultdict(list)
        for job in (await self.session.execute(stmt)).scalars():
            grouped[job.build_id].append(job)
        return grouped

    async def list_queued(self, limit: int = 100) -> list[Job]:
        stmt = select(Job).where(Job.status == "queued").order_by(Job.queued_at).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def list_running_for_runner(self, runner_id: int) -> list[Job]:
        stmt = select(Job).where(Job.runner_id == runner_id, Job.status == "running")
        return list((await self.session.execute(stmt)).scalars())

    async def count_running(self, org_id: int) -> int:
        result = await self.session.execute(
            text("SELECT count(*) FROM jobs WHERE org_id = :org_id AND status IN ('leased', 'running')"),
            {"org_id": org_id},
        )
        return int(result.scalar_one())

    async def claim(self, job_id: int, runner_id: int, lease_until: datetime) -> bool:
        result = await self.session.execute(
            text(
                "UPDATE jobs SET status = 'leased', runner_id = :runner_id, lease_expires_at = :until "
                "WHERE id = :job_id AND status = 'queued' RETURNING id"
            ),
            {"job_id": job_id, "runner_id": runner_id, "until": lease_until},
        )
        return result.scalar_one_or_none() is not None

    async def claim_next_for_labels(self, labels: list[str], runner_id: int, lease_until: datetime) -> int | None:
        result = await self.session.execute(
            text(
                "UPDATE jobs SET status = 'leased', runner_id = :runner_id, lease_expires_at = :until "
                "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND labels::jsonb <@ CAST(:labels AS jsonb) "
                "ORDER BY queued_at FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id"
            ),
            {"runner_id": runner_id, "until": lease_until, "labels": _json_list(labels)},
        )
        return result.scalar_one_or_none()

    async def extend_lease(self, job_id: int, runner_id: int, until: datetime) -> bool:
        stmt = (
            update(Job)
            .where(Job.id == job_id, Job.runner_id == runner_id, Job.status.in_(("leased", "running")))
            .values(lease_expires_at=until, status="running")
            .returning(Job.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None

    async def requeue_expired(self, now: datetime) -> list[int]:
        result = await self.session.execute(
            text(
                "UPDATE jobs SET status = 'queued', runner_id = NULL, lease_expires_at = NULL, attempt = attempt + 1 "
                "WHERE status = 'running' AND lease_expires_at < :now RETURNING id"
            ),
            {"now": now},
        )
        return [row[0] for row in result.all()]

    async def finish(self, job_id: int, status: str, exit_code: int | None) -> None:
        await self.session.execute(
            update(Job).where(Job.id == job_id).values(status=status, exit_code=exit_code, finished_at=datetime.now())
        )

    async def mark_canceled(self, job_id: int) -> None:
        await self.session.execute(
            update(Job).where(Job.id == job_id, Job.status.not_in(TERMINAL)).values(status="cancelled")
        )


def _json_list(values: list[str]) -> str:
    import json

    return json.dumps(sorted(set(values)))
