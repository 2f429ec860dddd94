from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse

from ..deps import current_principal, get_audit_service, require_admin
from ..errors import NotFound
from ..principal import Principal
from ..repositories.exposures import ExposureRepository
from ..services.audit import AuditService
from ..utils.timeutil import utcnow

router = APIRouter(prefix="/audit", tags=["audit"])


@dataclass(frozen=True)
class Cursor:
    after_id: int
    limit: int


def encode_cursor(after_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"a": after_id}).encode()).decode()


def decode_cursor(raw: str | None, limit: int) -> Cursor:
    limit = max(1, min(limit, 500))
    if not raw:
        return Cursor(after_id=0, limit=limit)
    data = json.loads(base64.urlsafe_b64decode(raw.encode()))
    return Cursor(after_id=int(data["a"]), limit=limit)


@router.get("")
async def audit_page(
    cursor: str | None = None,
    limit: int = Query(default=100, le=500),
    principal: Principal = Depends(current_principal),
    audit: AuditService = Depends(get_audit_service),
) -> dict[str, Any]:
    page = decode_cursor(cursor, limit)
    rows = await audit.page(principal.org_id, page.after_id, page.limit)
    next_cursor = encode_cursor(rows[-1]["id"]) if len(rows) == page.limit else None
    return {"entries": rows, "next": next_cursor}


@router.get("/search")
async def search_audit(
    q: str = Query(min_length=3, max_length=100),
    principal: Principal = Depends(current_principal),
    audit: AuditService = Depends(get_audit_service),
) -> list[dict[str, Any]]:
    return await audit.search(principal.org_id, q)


@router.get("/targets/{target_key}")
async def target_history(
    target_key: str,
    principal: Principal = Depends(current_principal),
    audit: AuditService = Depends(get_audit_service),
) -> list[dict[str, Any]]:
    return await audit.target_history(principal.org_id, target_key)


@router.post("/exports", status_code=201)
async def create_export(
    request: Request,
    principal: Principal = Depends(require_admin),
    audit: AuditService = Depends(get_audit_service),
) -> dict[str, str]:
    entries = await audit.entries_for_export(principal.org_id)
    export_dir = Path(request.app.state.settings.export_dir) / str(principal.org_id)
    name = f"audit-{utcnow():%Y%m%dT%H%M%S}"
    audit.build_export(entries, export_dir, name)
    return {"name": name}


@router.get("/exports/{name}", response_class=PlainTextResponse)
def download_export(name: str, request: Request, principal: Principal = Depends(require_admin)) -> str:
    export_dir = Path(request.app.state.settings.export_dir) / str(principal.org_id)
    path = (export_dir / f"{name}.csv").resolve()
    if path.parent != export_dir.resolve() or not path.exists():
        raise NotFound("export")
    return path.read_text()


@router.delete("/subjects/{user_key}")
async def erase_subject(
    user_key: str, request: Request, principal: Principal = Depends(require_admin)
) -> dict[str, int]:
    deleted = await ExposureRepository(request.app.state.pg).erase_user(user_key)
    return {"exposures_deleted": deleted}
