"""Case report form endpoints: rendering, submission, amendments, drafts and data queries."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Container, current_viewer, get_container, require_role
from svc.db.pool import get_session
from svc.repositories.studies import StudyRepository
from svc.services.monitoring import Viewer

router = APIRouter(tags=["forms"])


class SubmissionIn(BaseModel):
    payload: dict[str, Any]


class AmendIn(BaseModel):
    expected_version: int = Field(ge=1)
    payload: dict[str, Any]
    reason: str = Field(min_length=5)


class DraftIn(BaseModel):
    definition_id: int
    payload: dict[str, Any]


class QueryIn(BaseModel):
    field_path: str
    assigned_to: str | None = None


@router.get("/forms/{definition_id}/render")
async def render_form(
    definition_id: int, participant_id: int, locale: str = "en", c: Container = Depends(get_container), _: Viewer = Depends(current_viewer)
) -> dict[str, Any]:
    return await c.forms.render(definition_id, participant_id, locale)


@router.post("/participants/{participant_id}/forms/{definition_id}", status_code=status.HTTP_201_CREATED)
async def submit_form(
    participant_id: int,
    definition_id: int,
    body: SubmissionIn,
    c: Container = Depends(get_container),
    viewer: Viewer = Depends(current_viewer),
) -> dict[str, int]:
    return {"id": await c.forms.submit(participant_id, definition_id, body.payload, viewer.user_id)}


@router.put("/submissions/{submission_id}")
async def amend_submission(
    submission_id: int, body: AmendIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)
) -> dict[str, int]:
    version = await c.forms.amend(submission_id, body.expected_version, body.payload, viewer.user_id, body.reason)
    return {"version": version}


@router.post("/submissions/{submission_id}/corrections")
async def correct_submission(
    submission_id: int,
    body: AmendIn,
    c: Container = Depends(get_container),
    viewer: Viewer = Depends(require_role("data-manager")),
) -> dict[str, int]:
    version = await c.forms.correct(submission_id, body.expected_version, body.payload, viewer.user_id, body.reason)
    return {"version": version}


@router.post("/drafts", status_code=status.HTTP_201_CREATED)
async def save_draft(body: DraftIn, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> dict[str, str]:
    return {"token": c.forms.save_draft(viewer.user_id, body.definition_id, body.payload)}


@router.get("/drafts/{token}")
async def load_draft(token: str, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> dict[str, Any]:
    return c.forms.load_draft(token, viewer.user_id)


@router.get("/me/submissions")
async def my_submissions(session: AsyncSession = Depends(get_session), viewer: Viewer = Depends(current_viewer)) -> list[dict[str, Any]]:
    rows = await StudyRepository(session).submissions_by_user(viewer.user_id)
    return [{"id": s.id, "participant_id": s.participant_id, "version": s.version, "status": s.status} for s in rows]


@router.get("/submissions/review-queue")
async def review_queue(
    session: AsyncSession = Depends(get_session), _: Viewer = Depends(require_role("data-manager"))
) -> list[dict[str, Any]]:
    rows = await StudyRepository(session).awaiting_review()
    return [{"id": s.id, "participant_id": s.participant_id, "updated_at": s.updated_at} for s in rows]


@router.post("/submissions/{submission_id}/queries", status_code=status.HTTP_201_CREATED)
async def raise_query(
    submission_id: int, body: QueryIn, c: Container = Depends(get_container), viewer: Viewer = Depends(require_role("monitor"))
) -> dict[str, int]:
    return {"id": await c.queries.raise_query(submission_id, body.field_path, viewer.user_id, body.assigned_to)}


@router.post("/queries/{query_id}/resolve", status_code=status.HTTP_204_NO_CONTENT)
async def resolve_query(query_id: int, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> None:
    await c.queries.resolve(query_id, viewer.user_id)


@router.get("/me/queries")
async def my_queries(c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> list[dict[str, Any]]:
    return await c.queries.my_queries(viewer.user_id)


@router.get("/submissions/{submission_id}/summary")
async def submission_summary(submission_id: int, c: Container = Depends(get_container), _: Viewer = Depends(current_viewer)) -> dict[str, Any]:
    return await c.queries.submission_summary(submission_id)
