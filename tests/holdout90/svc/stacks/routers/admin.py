from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from stacks.deps import require_staff
from stacks.services.reports import export_branch_report, list_exports

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/reports/{branch_code}")
def export_report(branch_code: str, rows: list[dict], request: Request, staff: str = Depends(require_staff)) -> FileResponse:
    path = export_branch_report(request.app.state.settings.export_dir, branch_code, rows)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.get("/reports")
def reports(request: Request, staff: str = Depends(require_staff)) -> list[str]:
    return list_exports(request.app.state.settings.export_dir)
