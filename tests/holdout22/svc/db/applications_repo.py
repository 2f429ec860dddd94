"""ORM access to applicants, applications and their documents."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from fastapi import HTTPException
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Applicant, Application, Document


async def get_application(session: AsyncSession, application_id: UUID) -> Application:
    application = await session.get(Application, application_id)
    if application is None:
        raise HTTPException(status_code=404, detail="application not found")
    return application


async def find_existing(session: AsyncSession, listing_id: int, applicant_id: UUID) -> Application | None:
    stmt = select(Application).where(Application.listing_id == listing_id, Application.applicant_id == applicant_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def create_application(session: AsyncSession, listing_id: int, applicant_id: UUID) -> Application:
    application = Application(listing_id=listing_id, applicant_id=applicant_id, status="submitted")
    session.add(application)
    await session.flush()
    return application


async def applications_for_listing(session: AsyncSession, listing_id: int) -> Sequence[Application]:
    stmt = (
        select(Application)
        .where(Application.listing_id == listing_id)
        .options(selectinload(Application.applicant), selectinload(Application.documents))
        .order_by(Application.submitted_at.desc())
    )
    return (await session.execute(stmt)).scalars().all()


async def applications_by_status(session: AsyncSession, listing_id: int, status: str) -> Sequence[Application]:
    stmt = select(Application).where(Application.listing_id == listing_id, Application.status == status)
    return (await session.execute(stmt)).scalars().all()


async def applicants_by_ids(session: AsyncSession, applicant_ids: Sequence[UUID]) -> dict[UUID, Applicant]:
    rows = (await session.execute(select(Applicant).where(Applicant.id.in_(applicant_ids)))).scalars().all()
    return {row.id: row for row in rows}


async def find_applicant_by_email(session: AsyncSession, email: str) -> Applicant | None:
    stmt = select(Applicant).where(func.lower(Applicant.email) == email.lower())
    return (await session.execute(stmt)).scalar_one_or_none()


async def applicant_for_user(session: AsyncSession, user_id: UUID) -> Applicant | None:
    stmt = select(Applicant).where(Applicant.user_id == user_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def documents_for_application(session: AsyncSession, application_id: UUID) -> Sequence[Document]:
    stmt = select(Document).where(Document.application_id == application_id).order_by(Document.uploaded_at)
    return (await session.execute(stmt)).scalars().all()


async def document_by_hash(session: AsyncSession, sha256: str) -> Document | None:
    stmt = select(Document).where(Document.sha256 == sha256)
    return (await session.execute(stmt)).scalar_one_or_none()


async def set_identity_status(session: AsyncSession, user_id: UUID, email: str, full_name: str, status: str) -> None:
    stmt = (
        insert(Applicant)
        .values(user_id=user_id, email=email, full_name=full_name, identity_status=status)
        .on_conflict_do_update(index_elements=[Applicant.user_id], set_={"identity_status": status})
    )
    await session.execute(stmt)


async def record_credit_result(session: AsyncSession, application_id: UUID, score: int, ref: str) -> None:
    await session.execute(
        update(Application)
        .where(Application.id == application_id)
        .values(credit_score=score, credit_report_ref=ref, status="screened")
    )


async def transition_status(session: AsyncSession, application_id: UUID, from_status: str, to_status: str) -> bool:
    stmt = (
        update(Application)
        .where(Application.id == application_id, Application.status == from_status)
        .values(status=to_status)
        .returning(Application.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None
