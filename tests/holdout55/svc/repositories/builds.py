from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from svc.db.models import Build
from svc.repositories.base import BaseRepository


class BuildRepository(BaseRepository[Build]):
    model = Build

    async def next_number(self, repo_id: int) -> int:
        result = await self.session.execute(select(func.max(Build.number)).where(Build.repo_id == repo_id))
        return (result.scalar() or 0) + 1

    async def create(self, repo_id: int, number: int, sha: str, ref: str, trigger: str,
                     author: str | None) -> Build:
        build = Build(repo_id=repo_id, number=number, commit_sha=sha, ref=ref, trigger=trigger, author=author)
        return await self.add(build)

    async def find_by_sha(self, sha: str) -> list[Build]:
        stmt = select(Build).where(Build.commit_sha == sha).order_by(Build.id.desc())
        return list((await self.session.execute(stmt)).scalars())

    async def list_recent(self, repo_id: int, limit: int = 25, before_id: int | None = None) -> list[Build]:
        stmt = select(Build).where(Build.repo_id == repo_id)
        if before_id is not None:
            stmt = stmt.where(Build.id < before_id)
        stmt = stmt.order_by(Build.created_at.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def list_by_ref_prefix(self, repo_id: int, prefix: str, limit: int = 50) -> list[Build]:
        stmt = (
            select(Build)
            .where(Build.repo_id == repo_id, Build.ref.like(prefix.replace("%", r"\%") + "%"))
            .order_by(Build.id.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def search(self, repo_id: int, q: str, limit: int = 50) -> list[Build]:
        stmt = (
            select(Build)
            .where(Build.repo_id == repo_id)
            .where(Build.ref.ilike(f"%{q}%") | Build.author.ilike(f"%{q}%"))
            .order_by(Build.id.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def get_with_jobs(self, build_id: int) -> Build | None:
        stmt = select(Build).options(selectinload(Build.jobs)).where(Build.id == build_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def daily_counts(self, org_id: int, day: date) -> dict[str, int]:
        rows = await self.session.execute(
            text(
                "SELECT b.status, count(*) FROM builds b JOIN repos r ON r.id = b.repo_id "
                "WHERE r.org_id = :org_id AND date_trunc('day', b.created_at) = :day "
                "GROUP BY b.status"
            ),
            {"org_id": org_id, "day": day},
        )
        return {status: count for status, count in rows.all()}

    async def set_status(self, build_id: int, status: str) -> None:
        build = await self.session.get(Build, build_id)
        if build is not None:
            build.status = status
            if status in ("success", "failed", "cancelled", "error"):
                build.finished_at = func.now()
