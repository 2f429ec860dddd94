from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.cache import ProjectSettingsCache
from glossa.db.models import Project
from glossa.deps import get_session, project_access, service
from glossa.errors import NotFound
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.schemas import StringOut, SuggestAllIn
from glossa.services.metering import MeteringService
from glossa.services.mt import MTService
from glossa.services.tm_service import TMService

router = APIRouter(prefix="/projects/{project_id}", tags=["translations"])

_strings = StringRepository()
_translations = TranslationRepository()


@router.get("/strings", response_model=list[StringOut])
async def list_strings(
    project: Project = Depends(project_access),
    after: int = 0,
    limit: int = Query(100, ge=1, le=500),
    locale: str | None = None,
    session: AsyncSession = Depends(get_session),
) -> list[StringOut]:
    rows = await _strings.page(session, project.id, after, limit)
    translated = await _translations.for_strings(session, [r.id for r in rows], locale) if locale else {}
    return [
        StringOut(id=r.id, key=r.key, context=r.context, text=r.text,
                  translation=getattr(translated.get(r.id), "text", None), status=getattr(translated.get(r.id), "status", None))
        for r in rows
    ]


@router.get("/strings/search", response_model=list[StringOut])
async def search_strings(
    project: Project = Depends(project_access),
    q: str = Query(min_length=2, max_length=200),
    session: AsyncSession = Depends(get_session),
) -> list[StringOut]:
    rows = await _strings.search(session, project.id, q)
    return [StringOut.model_validate(r) for r in rows]


@router.get("/progress/{locale}")
async def progress(locale: str, project: Project = Depends(project_access), session: AsyncSession = Depends(get_session)) -> dict:
    counts: dict[str, int] = {}
    for status in ("translated", "approved", "rejected"):
        counts[status] = await _translations.count_status(session, project.id, locale, status)
    total = await _strings.count_for_project(session, project.id)
    counts["untranslated"] = max(0, total - sum(counts.values()))
    return {"locale": locale, "total": total, "counts": counts}


@router.post("/strings/{string_id}/suggest/{locale}")
async def suggest(
    string_id: int,
    locale: str,
    project: Project = Depends(project_access),
    tm: TMService = Depends(service("tm")),
    mt: MTService = Depends(service("mt")),
    metering: MeteringService = Depends(service("metering")),
    settings_cache: ProjectSettingsCache = Depends(service("project_settings")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    string = await _strings.require(session, string_id)
    if string.project_id != project.id:
        raise NotFound(f"string {string_id} not found")
    match = await tm.best_match(project.org_id, string.text, project.source_locale, locale, min_score=0.95)
    if match is not None:
        return {"origin": "tm", "text": match.target_text, "score": match.score}
    config = await settings_cache.get(project.id)
    if not config.get("mt_enabled", True):
        return {"origin": None, "text": None}
    text = await mt.suggest(project.org_id, string.text, project.source_locale, locale)
    metering.record(project.org_id, project.id, "mt_chars", len(string.text))
    return {"origin": "mt", "text": text}


@router.post("/suggest-all/{locale}")
async def suggest_all(
    locale: str,
    body: SuggestAllIn,
    project: Project = Depends(project_access),
    mt: MTService = Depends(service("mt")),
    metering: MeteringService = Depends(service("metering")),
    session: AsyncSession = Depends(get_session),
) -> dict[int, str]:
    strings = await _strings.by_ids(session, project.id, body.string_ids)
    texts = await mt.suggest_many(project.org_id, strings, project.source_locale, locale)
    await metering.record(project.org_id, project.id, "mt_chars", sum(len(s.text) for s in strings))
    return {s.id: t for s, t in zip(strings, texts)}
