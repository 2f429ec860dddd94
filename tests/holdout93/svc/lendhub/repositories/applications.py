from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.pg import pg_conn
from ..models import Application, Borrower


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, application_id: int) -> Application | None:
        return await self.session.get(Application, application_id)

    async def get_with_borrowers(self, application_id: int) -> Application | None:
        stmt = (
            select(Application)
            .options(selectinload(Application.borrowers))
            .where(Application.id == application_id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def pipeline_for_officer(self, officer_id: int, statuses: Sequence[str]) -> list[Application]:
        stmt = (
            select(Application)
            .options(selectinload(Application.borrowers).load_only(Borrower.first_name, Borrower.last_name))
            .where(Application.loan_officer_id == officer_id, Application.status.in_(statuses))
            .order_by(Application.updated_at.desc())
            .limit(500)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def get_by_loan_number(self, loan_number: str) -> Application | None:
        stmt = select(Application).where(Application.loan_number == loan_number)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def set_status(self, application_id: int, status: str) -> None:
        await self.session.execute(
            update(Application).where(Application.id == application_id).values(status=status)
        )

    async def add(self, app: Application) -> Application:
        self.session.add(app)
        await self.session.flush()
        return app


async def search_applications(term: str) -> list[dict[str, Any]]:
    """Free-text search used by the officer pipeline search box."""
    async with pg_conn() as conn:
        rows = await conn.fetch(
            """
            SELECT a.id, a.loan_number, a.status, b.first_name, b.last_name
            FROM applications a
            JOIN borrowers b ON b.application_id = a.id
            WHERE b.last_name ILIKE '%' || $1 || '%' OR b.email ILIKE '%' || $1 || '%'
            ORDER BY a.updated_at DESC
            """,
            term,
        )
    return [dict(r) for r in rows]


async def applications_by_ids(ids: list[int]) -> list[dict[str, Any]]:
    async with pg_conn() as conn:
        rows = await conn.fetch(
            "SELECT id, loan_number, loan_officer_id, status, loan_amount FROM applications WHERE id = ANY($1::int[])",
            ids,
        )
    return [dict(r) for r in rows]


class BorrowerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_application(self, application_id: int) -> list[Borrower]:
        stmt = select(Borrower).where(Borrower.application_id == application_id).order_by(Borrower.id)
        return list((await self.session.execute(stmt)).scalars())

    async def by_email(self, email: str) -> Borrower | None:
        stmt = select(Borrower).where(Borrower.email == email.lower()).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, borrower: Borrower) -> Borrower:
        self.session.add(borrower)
        await self.session.flush()
        return borrower
