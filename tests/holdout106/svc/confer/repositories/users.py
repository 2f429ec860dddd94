from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Authorship, PastCoauthorship, User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def get_by_email(self, email: str) -> User | None:
        stmt = select(User).where(func.lower(User.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_by_exact_email(self, email: str) -> User | None:
        stmt = select(User).where(User.email == email)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        return user

    async def authors_for(self, submission_id: int) -> list[User]:
        stmt = (
            select(User)
            .join(Authorship, Authorship.user_id == User.id)
            .where(Authorship.submission_id == submission_id)
            .order_by(Authorship.position)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def authors_for_many(self, submission_ids: list[int]) -> dict[int, list[User]]:
        stmt = (
            select(Authorship.submission_id, User)
            .join(User, Authorship.user_id == User.id)
            .where(Authorship.submission_id.in_(submission_ids))
            .order_by(Authorship.submission_id, Authorship.position)
        )
        out: dict[int, list[User]] = {}
        for sid, user in (await self.session.execute(stmt)).all():
            out.setdefault(sid, []).append(user)
        return out

    async def by_ids(self, ids: list[int]) -> list[User]:
        stmt = select(User).where(User.id.in_(ids))
        return list((await self.session.execute(stmt)).scalars())

    async def coauthor_edges(self, user_ids: list[int]) -> list[tuple[int, int]]:
        stmt = select(PastCoauthorship.user_a, PastCoauthorship.user_b).where(
            PastCoauthorship.user_a.in_(user_ids) | PastCoauthorship.user_b.in_(user_ids)
        )
        return [(a, b) for a, b in (await self.session.execute(stmt)).all()]

    async def reviewers_for_conference(self, conference_id: int) -> list[User]:
        stmt = select(User).where(User.role.in_(("reviewer", "pc_chair")))
        return list((await self.session.execute(stmt)).scalars())
