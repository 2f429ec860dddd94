from __future__ import annotations

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep
from svc.container import Container
from svc.db.models import Attachment
from svc.errors import NotFound
from svc.services.storage import storage

router = APIRouter(prefix="/files", tags=["files"])


@router.post("", status_code=201)
async def upload_file(file: UploadFile = File(...), session: AsyncSession = SessionDep,
                      c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict:
    data = await file.read()
    attachment = await c.uploads.store(session, user.workspace_id, file.filename or "upload.bin",
                                       file.content_type, data)
    await session.commit()
    return {"id": attachment.id, "key": attachment.object_key, "size": attachment.size_bytes}


@router.post("/avatar", status_code=201)
async def upload_avatar(file: UploadFile = File(...), c: Container = ContainerDep,
                        user: CurrentUser = UserDep) -> dict:
    return {"key": await c.uploads.store_avatar(user.id, await file.read())}


@router.post("/uploads")
def begin_upload(request: Request, filename: str, content_type: str | None = None,
                 user: CurrentUser = UserDep) -> dict:
    upload_id = request.app.state.container.uploads.begin(user.workspace_id, filename, content_type)
    return {"upload_id": upload_id}


@router.put("/uploads/{upload_id}")
async def upload_part(request: Request, upload_id: str, c: Container = ContainerDep,
                      user: CurrentUser = UserDep) -> dict:
    size = c.uploads.append_part(upload_id, await request.body())
    return {"received": size}


@router.post("/uploads/{upload_id}/complete", status_code=201)
async def complete_upload(upload_id: str, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                          user: CurrentUser = UserDep) -> dict:
    attachment = await c.uploads.complete(session, upload_id)
    await session.commit()
    return {"id": attachment.id, "key": attachment.object_key}


@router.get("/exports/{key:path}")
def download_export(key: str, user: CurrentUser = UserDep) -> Response:
    if not key.startswith(f"exports/{user.workspace_id}/"):
        raise NotFound("export not found")
    return Response(storage.read_bytes(key), media_type="application/zip")


@router.delete("/{attachment_id}", status_code=204)
async def delete_file(attachment_id: int, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                      user: CurrentUser = UserDep) -> None:
    attachment = await session.scalar(
        select(Attachment).where(Attachment.id == attachment_id, Attachment.workspace_id == user.workspace_id)
    )
    if attachment is None:
        raise NotFound("file not found")
    await c.uploads.remove(attachment.object_key)
    await session.delete(attachment)
    await session.commit()
