"""Smaller repositories: orgs, repos, runners, artifacts, caches, secrets, logs."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, text, update

from svc.db.models import Artifact, CacheEntry, JobLogChunk, Org, Repo, Runner, Secret
from svc.repositories.base import BaseRepository
from svc.utils.common import utcnow


class OrgRepository(BaseRepository[Org]):
    model = Org

    async def by_slug(self, slug: str) -> Org | None:
        return (await self.session.execute(select(Org).where(Org.slug == slug))).scalar_one_or_none()

    async def set_concurrency(self, org_id: int, limit: int) -> None:
        await self.session.execute(update(Org).where(Org.id == org_id).values(max_concurrency=limit))


class RepoRepository(BaseRepository[Repo]):
    model = Repo

    async def by_full_name(self, full_name: str) -> Repo | None:
        stmt = select(Repo).where(Repo.full_name == full_name)
        return (await self.session.execute(stmt)).scalar_one_or_none()


class ArtifactRepository(BaseRepository[Artifact]):
    model = Artifact

    async def list_for_job(self, job_id: int) -> list[Artifact]:
        stmt = select(Artifact).where(Artifact.job_id == job_id).order_by(Artifact.name)
        return list((await self.session.execute(stmt)).scalars())

    async def list_for_jobs(self, job_ids: list[int]) -> list[Artifact]:
        stmt = select(Artifact).where(Artifact.job_id.in_(job_ids)).order_by(Artifact.job_id, Artifact.name)
        return list((await self.session.execute(stmt)).scalars())


class CacheRepository(BaseRepository[CacheEntry]):
    model = CacheEntry

    async def lookup(self, repo_id: int, key: str) -> CacheEntry | None:
        stmt = select(CacheEntry).where(CacheEntry.repo_id == repo_id, CacheEntry.key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def touch(self, entry_id: int, when: datetime) -> None:
        await self.session.execute(update(CacheEntry).where(CacheEntry.id == entry_id).values(last_used_at=when))

    async def stale(self, cutoff: datetime, limit: int = 500) -> list[CacheEntry]:
        stmt = select(CacheEntry).where(CacheEntry.last_used_at < cutoff).order_by(CacheEntry.last_used_at).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def delete_ids(self, ids: list[int]) -> None:
        await self.session.execute(delete(CacheEntry).where(CacheEntry.id.in_(ids)))


class SecretRepository(BaseRepository[Secret]):
    model = Secret

    async def for_scope(self, org_id: int, repo_id: int) -> list[Secret]:
        rows = await self.session.execute(
            text(
                "SELECT * FROM secrets WHERE org_id = :org_id AND (repo_id IS NULL OR repo_id = :repo_id) "
                "ORDER BY repo_id NULLS FIRST"
            ),
            {"org_id": org_id, "repo_id": repo_id},
        )
        return [Secret(**dict(r._mapping)) for r in rows]


class LogRepository(BaseRepository[JobLogChunk]):
    model = JobLogChunk

    async def append(self, job_id: int, seq: int, body: str) -> None:
        self.session.add(JobLogChunk(job_id=job_id, seq=seq, body=body))
        await self.session.flush()

    async def read_after(self, job_id: int, after_seq: int, limit: int = 200) -> list[JobLogChunk]:
        stmt = (
            select(JobLogChunk)
            .where(JobLogChunk.job_id == job_id, JobLogChunk.seq > after_seq)
            .order_by(JobLogChunk.seq)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())


class RunnerRepository(BaseRepository[Runner]):
    model = Runner

    async def get_by_token_hash(self, token_hash: str) -> Runner | None:
        stmt = select(Runner).where(Runner.token_hash == token_hash)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_org(self, org_id: int) -> list[Runner]:
        stmt = select(Runner).where(Runner.org_id == org_id).order_by(Runner.name)
        return list((await self.session.execute(stmt)).scalars())

    async def mark_online(self, runner_id: int) -> None:
        await self.session.execute(
            update(Runner).where(Runner.id == runner_id).values(status="online", last_seen=utcnow())
        )

    async def mark_offline(self, runner_id: int) -> None:
        await self.session.execute(update(Runner).where(Runner.id == runner_id).values(status="offline"))

    async def touch(self, runner_id: int) -> None:
        await self.session.execute(update(Runner).where(Runner.id == runner_id).values(last_seen=utcnow()))
