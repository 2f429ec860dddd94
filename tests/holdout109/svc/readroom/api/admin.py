from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from readroom.api.deps import db_session, queue_repo, require_role, services
from readroom.cache.primitives import TTLCache
from readroom.repositories.reports import ReportRepository
from readroom.repositories.templates import TemplateRepository
from readroom.services.order_intake import RECENT_MESSAGES
from readroom.services.reading_queue_service import ReadingQueueService

router = APIRouter(prefix="/admin", tags=["admin"])
stats_router = APIRouter(prefix="/stats", tags=["stats"])

_template_lists: TTLCache[tuple[str, str], list[dict]] = TTLCache(maxsize=256, ttl=60.0)


class TemplateIn(BaseModel):
    code: str = Field(max_length=64)
    modality: str = Field(max_length=8)
    body_part: str | None = None
    sections: list[dict] = Field(default_factory=list)
    body: str


@router.get("/hl7/recent")
async def recent_hl7(limit: int = Query(default=50, le=500), _user=Depends(require_role("admin"))) -> dict:
    return {"items": RECENT_MESSAGES[-limit:]}


@router.get("/queue/depths")
async def queue_depths(repo=Depends(queue_repo), _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"depths": await repo.queue_depths()}


@router.post("/queue/release-stale")
async def release_stale(
    minutes: int = Query(default=120, ge=15),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
    _user=Depends(require_role("admin")),
) -> dict:
    released = await ReadingQueueService(session, repo, svc.snapshot).release_stale(timedelta(minutes=minutes))
    return {"released": released}


@router.get("/circuits")
async def circuits(svc=Depends(services), _user=Depends(require_role("admin"))) -> dict:
    return {"pacs": svc.pacs._breaker.state}


@stats_router.get("/tat")
async def tat_dashboard(days: int = Query(default=14, ge=1, le=90), session=Depends(db_session),
                        svc=Depends(services), _user=Depends(require_role("admin", "chief"))) -> dict:
    return await svc.tat.dashboard(session, days)


@stats_router.get("/tat/percentiles")
async def tat_percentiles(days: int = Query(default=30, ge=1, le=365), session=Depends(db_session),
                          svc=Depends(services), _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"items": await svc.tat.percentile_breakdown(session, days)}


@stats_router.get("/productivity")
async def productivity(day: date = Query(default_factory=date.today), session=Depends(db_session),
                       svc=Depends(services), _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"day": day.isoformat(), "items": await svc.tat.productivity(session, day)}


@stats_router.get("/productivity/summary")
async def productivity_summary(day: date = Query(default_factory=date.today), session=Depends(db_session),
                               svc=Depends(services), _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"day": day.isoformat(), "items": await svc.tat.productivity_batched(session, day)}


@router.get("/templates")
async def list_templates(modality: str, body_part: str | None = None, session=Depends(db_session),
                         _user=Depends(require_role("admin", "radiologist"))) -> dict:
    key = (modality.upper(), (body_part or "").upper())
    cached = _template_lists.get(key)
    if cached is None:
        templates = await TemplateRepository(session).active_for(modality.upper(), body_part)
        cached = [{"code": t.code, "version": t.version, "body_part": t.body_part} for t in templates]
        _template_lists.set(key, cached)
    return {"items": cached}


@router.put("/templates")
async def upsert_template(body: TemplateIn, session=Depends(db_session), _user=Depends(require_role("admin"))) -> dict:
    template = await TemplateRepository(session).create_version(
        code=body.code, modality=body.modality.upper(), body_part=body.body_part, sections=body.sections, body=body.body
    )
    await session.commit()
    _template_lists.invalidate((template.modality, (template.body_part or "").upper()))
    return {"code": template.code, "version": template.version}


@router.delete("/templates/{code}")
async def deactivate_template(code: str, session=Depends(db_session), _user=Depends(require_role("admin"))) -> dict:
    ok = await TemplateRepository(session).deactivate(code)
    await session.commit()
    return {"deactivated": ok}


@stats_router.get("/tat/breaches")
async def tat_breaches(hours: int = Query(default=24, ge=1, le=168), session=Depends(db_session),
                       svc=Depends(services), _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"items": await svc.tat.open_breaches(session, hours)}


@stats_router.get("/signed-count")
async def signed_count(day: date = Query(default_factory=date.today), session=Depends(db_session),
                       _user=Depends(require_role("admin", "chief"))) -> dict:
    return {"day": day.isoformat(), "signed": await ReportRepository(session).count_signed_on(day)}


@stats_router.get("/ws")
async def websocket_stats(request: Request, _user=Depends(require_role("admin"))) -> dict:
    return {"rooms": request.app.state.hub.snapshot()}


@router.get("/breakers")
async def breakers(svc=Depends(services), _user=Depends(require_role("admin"))) -> dict:
    return {"pacs": svc.pacs._breaker.snapshot(), "queue_snapshot_size": len(svc.snapshot._items)}
