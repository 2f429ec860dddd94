"""Study-level endpoints: study details, enrolment progress, dashboard, protocol documents."""
from __future__ import annotations

from typing import Any

import requests
from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Container, current_viewer, get_container, require_role
from svc.config import Settings, get_settings
from svc.db.pool import get_session
from svc.repositories.studies import StudyRepository
from svc.services.monitoring import Viewer

router = APIRouter(prefix="/studies", tags=["studies"])


@router.get("/{study_id}")
async def get_study(study_id: int, session: AsyncSession = Depends(get_session), _: Viewer = Depends(current_viewer)) -> dict[str, Any]:
    study = await StudyRepository(session).get_with_sites(study_id)
    return {
        "id": study.id,
        "protocol": study.protocol_code,
        "title": study.title,
        "sites": [{"id": s.id, "number": s.site_number, "country": s.country, "cap": s.enrolment_cap} for s in study.sites],
    }


@router.get("/{study_id}/enrolment")
async def enrolment_by_site(study_id: int, session: AsyncSession = Depends(get_session), _: Viewer = Depends(current_viewer)) -> dict[str, int]:
    repo = StudyRepository(session)
    study = await repo.get_with_sites(study_id)
    return await repo.enrolment_by_site(study)


@router.get("/{study_id}/enrolment/summary")
async def enrolment_summary(study_id: int, session: AsyncSession = Depends(get_session), _: Viewer = Depends(current_viewer)) -> dict[int, int]:
    return await StudyRepository(session).enrolment_by_site_grouped(study_id)


@router.get("/{study_id}/dashboard")
async def dashboard(study_id: int, c: Container = Depends(get_container), viewer: Viewer = Depends(current_viewer)) -> dict[str, Any]:
    return await c.dashboard.site_overview(study_id, viewer)


@router.get("/{study_id}/protocol")
def protocol_document(study_id: int, version: str = "current", settings: Settings = Depends(get_settings)) -> Response:
    resp = requests.get(f"{settings.document_store_url}/studies/{study_id}/protocol/{version}")
    if resp.status_code == 404:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="protocol version not found")
    resp.raise_for_status()
    return Response(content=resp.content, media_type="application/pdf")


@router.get("/{study_id}/audit/actors/{actor_id}")
async def actor_activity(
    study_id: int, actor_id: str, c: Container = Depends(get_container), _: Viewer = Depends(require_role("auditor"))
) -> list[dict[str, Any]]:
    return [dict(r) for r in await c.audit.by_actor(actor_id)]
