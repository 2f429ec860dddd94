from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from ..container import Container
from ..deps import get_container, get_schedule, get_studies
from ..repositories.studies import StudyRepository
from ..security import CurrentUser, current_user, require_study_access
from ..services.schedule import ScheduleService

router = APIRouter(prefix="/studies", tags=["studies"])


@router.get("/{study_id}")
async def get_study(
    study_id: int,
    user: CurrentUser = Depends(current_user),
    studies: StudyRepository = Depends(get_studies),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    await require_study_access(study_id, user, c.cache, studies)
    study = await studies.get(study_id)
    sites = await studies.sites_with_investigators(study_id)
    return {
        "id": study.id,
        "protocol": study.protocol_code,
        "title": study.title,
        "status": study.status,
        "sites": [
            {"id": s.id, "number": s.site_number, "name": s.name,
             "investigators": [i.full_name for i in s.investigators]}
            for s in sites
        ],
    }


@router.get("/{study_id}/protocol.pdf")
def download_protocol(study_id: int, user: CurrentUser = Depends(current_user),
                      c: Container = Depends(get_container)) -> Response:
    path = Path(c.settings.protocol_dir) / f"{study_id}.pdf"
    if not path.is_file():
        raise HTTPException(status_code=404, detail="protocol not uploaded")
    return Response(path.read_bytes(), media_type="application/pdf")


@router.get("/{study_id}/visits")
async def study_visits(
    study_id: int,
    user: CurrentUser = Depends(current_user),
    schedule: ScheduleService = Depends(get_schedule),
) -> list[dict[str, Any]]:
    return await schedule.study_overview(study_id)


@router.get("/visits/due-today")
async def visits_due_today(user: CurrentUser = Depends(current_user),
                           schedule: ScheduleService = Depends(get_schedule)) -> list[dict[str, Any]]:
    visits = await schedule.due_today()
    return [{"id": v.id, "subject_id": v.subject_id, "visit": v.visit_code} for v in visits]


@router.get("/sites/{site_id}/visits")
async def site_visits(site_id: int, user: CurrentUser = Depends(current_user),
                      schedule: ScheduleService = Depends(get_schedule)) -> list[dict[str, Any]]:
    return await schedule.site_overview(site_id)


@router.get("/audit/{entity_type}/{entity_id}")
async def audit_history(entity_type: str, entity_id: str, user: CurrentUser = Depends(current_user),
                        c: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return await c.audit.history(entity_type, entity_id)


@router.get("/audit/search")
async def audit_search(q: str = Query(min_length=3), user: CurrentUser = Depends(current_user),
                       c: Container = Depends(get_container)) -> list[dict[str, Any]]:
    if user.role not in ("sponsor", "admin"):
        raise HTTPException(status_code=403, detail="auditors only")
    return await c.audit.search(q)
