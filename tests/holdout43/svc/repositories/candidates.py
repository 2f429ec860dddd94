from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Application, Candidate


class CandidateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, candidate_id: int) -> Candidate | None:
        return await self.session.get(Candidate, candidate_id)

    async def get_many(self, ids: Sequence[int]) -> dict[int, Candidate]:
        if not ids:
            return {}
        stmt = select(Candidate).where(Candidate.id.in_(list(set(ids))))
        return {c.id: c for c in (await self.session.execute(stmt)).scalars()}

    async def find_by_email(self, company_id: int, email_normalized: str) -> Candidate | None:
        stmt = (
            select(Candidate)
            .where(Candidate.company_id == company_id)
            .where(Candidate.email_normalized == email_normalized)
            .where(Candidate.merged_into_id.is_(None))
        )
        return (await self.session.execute(stmt)).scalars().first()

    async def search(self, company_id: int, q: str, limit: int = 25) -> Sequence[Candidate]:
        stmt = (
            select(Candidate)
            .where(Candidate.company_id == company_id)
            .where(Candidate.search_vector.op("@@")(func.websearch_to_tsquery("english", q)))
            .order_by(Candidate.created_at.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def search_resume_text(self, company_id: int, phrase: str) -> Sequence[Candidate]:
        stmt = (
            select(Candidate)
            .where(Candidate.company_id == company_id)
            .where(Candidate.resume_text.ilike(f"%{phrase}%"))
            .order_by(Candidate.created_at.desc())
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def recent_for_company(self, company_id: int, since, limit: int = 5000) -> Sequence[Candidate]:
        stmt = (
            select(Candidate)
            .where(Candidate.company_id == company_id, Candidate.created_at >= since)
            .where(Candidate.merged_into_id.is_(None))
            .order_by(Candidate.created_at)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def add(self, candidate: Candidate) -> Candidate:
        self.session.add(candidate)
        await self.session.flush()
        return candidate

    async def mark_merged(self, source_id: int, target_id: int) -> None:
        await self.session.execute(
            update(Candidate).where(Candidate.id == source_id).values(merged_into_id=target_id)
        )
        await self.session.execute(
            update(Application).where(Application.candidate_id == source_id).values(candidate_id=target_id)
        )
