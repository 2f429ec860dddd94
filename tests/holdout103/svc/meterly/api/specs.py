from __future__ import annotations

import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, UploadFile, status
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..core.security import KeyPrincipal
from ..deps import get_container, get_session, require_scope

router = APIRouter(prefix="/v1/specs", tags=["specs"])

_EXAMPLE_SPEC = Path(__file__).resolve().parent.parent / "static" / "example-openapi.yaml"


@router.get("/_example", response_class=PlainTextResponse)
def example_spec() -> str:
    return _EXAMPLE_SPEC.read_text(encoding="utf-8")


@router.post("", status_code=status.HTTP_201_CREATED)
async def upload_spec(
    name: str = Form(..., min_length=1, max_length=120),
    version: str = Form(..., min_length=1, max_length=40),
    file: UploadFile = File(...),
    principal: KeyPrincipal = Depends(require_scope("specs:write")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    raw = await file.read()
    spec = await container.specs.upload(session, uuid.UUID(principal.tenant_id), name, version, raw,
                                        file.content_type or "application/yaml")
    return {"id": str(spec.id), "digest": spec.digest, "operations": spec.operation_count,
            "warnings": spec.warnings}


@router.get("/{name}/{version}/resolved")
async def resolved_spec(
    name: str,
    version: str,
    principal: KeyPrincipal = Depends(require_scope("specs:read")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    return await container.specs.resolved(session, uuid.UUID(principal.tenant_id), name, version)


@router.post("/{name}/{version}/revalidate")
async def revalidate_spec(
    name: str,
    version: str,
    principal: KeyPrincipal = Depends(require_scope("specs:write")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    problems = await container.specs.revalidate(session, uuid.UUID(principal.tenant_id), name, version)
    return {"problems": problems}
