from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse

from ..container import Container
from ..deps import get_container, get_exports, get_studies
from ..errors import QuotaExceeded
from ..middleware.rate_limit import ExportQuota
from ..repositories.studies import StudyRepository
from ..security import CurrentUser, current_user, require_study_access
from ..services.exports import ExportService

router = APIRouter(prefix="/exports", tags=["exports"])


@router.post("/studies/{study_id}")
async def build_export(
    study_id: int,
    user: CurrentUser = Depends(current_user),
    exports: ExportService = Depends(get_exports),
    studies: StudyRepository = Depends(get_studies),
    c: Container = Depends(get_container),
) -> FileResponse:
    if user.role not in ("statistician", "sponsor", "admin"):
        raise HTTPException(status_code=403, detail="statisticians only")
    if not await ExportQuota(c.redis).consume(user.id):
        raise QuotaExceeded("export quota exceeded")
    await require_study_access(study_id, user, c.cache, studies)
    study = await studies.get(study_id)
    path = await exports.build_bundle(study_id, study.protocol_code, user)
    return FileResponse(path, media_type="application/zip", filename=path.name)


@router.get("/studies/{study_id}/summary/{form_code}")
async def summary(study_id: int, form_code: str, user: CurrentUser = Depends(current_user),
                  exports: ExportService = Depends(get_exports)) -> list[dict[str, Any]]:
    return await exports.summary_statistics(study_id, form_code)
