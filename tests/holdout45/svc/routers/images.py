from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Response, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import TenantSettings
from ..db.connections import get_session
from ..deps import tenant
from ..repos.articles import ImageRepository
from ..services.images import MAX_UPLOAD_BYTES, ImageRejected, ImageService
from ..utils.auth import Principal, require

log = logging.getLogger(__name__)
router = APIRouter(prefix="/images", tags=["images"])


def image_service(request: Request, session: AsyncSession = Depends(get_session)) -> ImageService:
    return ImageService(ImageRepository(session), request.app.state.storage)


@router.post("/articles/{article_id}", status_code=201)
async def upload_image(
    article_id: int,
    file: UploadFile = File(...),
    caption: str | None = Form(None),
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("writer")),
    service: ImageService = Depends(image_service),
) -> dict:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        return await service.upload(article_id, data, caption, pub)
    except ImageRejected as exc:
        raise HTTPException(422, str(exc)) from exc
    except Exception as exc:
        raise HTTPException(400, f"could not process image: {exc}") from exc


@router.get("/original/{key}")
async def original(key: str, service: ImageService = Depends(image_service)) -> Response:
    try:
        data = await service.original(key)
    except ImageRejected:
        raise HTTPException(404, "not found") from None
    return Response(data, media_type="image/jpeg", headers={"cache-control": "public, max-age=31536000"})


@router.get("/variant/{key}")
async def variant(key: str, service: ImageService = Depends(image_service)) -> Response:
    data = await service.variant(key)
    return Response(data, media_type="image/jpeg", headers={"cache-control": "public, max-age=31536000"})
