from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile, status

from svc.repos.lots import LotRepo
from svc.routers.deps import SessionDep, seller_user
from svc.services.images import ImageRejected, ImageService
from svc.utils import storage

log = logging.getLogger(__name__)
router = APIRouter(prefix="/lots/{lot_id}/images", tags=["images"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def upload(lot_id: int, file: UploadFile, request: Request, session: SessionDep,
                 user: Annotated[dict, Depends(seller_user)]) -> dict:
    lot = await LotRepo(session).get(lot_id)
    if lot is None or lot.seller_id != user["sub"]:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "lot not found")
    data = await file.read()
    service = ImageService(session, request.app.state.redis)
    try:
        stored = await service.upload(lot_id, file.content_type or "", data)
    except ImageRejected as exc:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, str(exc)) from exc
    log.info("image stored lot=%s image=%s bytes=%d", lot_id, stored.id, len(data))
    return {"id": stored.id, "status": "pending_moderation"}


@router.get("")
async def list_images(lot_id: int, request: Request, session: SessionDep) -> list[dict]:
    service = ImageService(session, request.app.state.redis)
    images = await LotRepo(session).images(lot_id)
    return [
        {"id": img.id, "url": service.public_url(img.path), "status": img.moderation_status}
        for img in images
        if img.moderation_status == "approved"
    ]


@router.delete("/{image_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_image(lot_id: int, image_id: int, session: SessionDep,
                       user: Annotated[dict, Depends(seller_user)]) -> None:
    lot = await LotRepo(session).get(lot_id)
    if lot is None or lot.seller_id != user["sub"]:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "lot not found")
    image = next((img for img in await LotRepo(session).images(lot_id) if img.id == image_id), None)
    if image is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "image not found")
    await session.delete(image)
    await session.commit()
    await storage.delete_image(image.path)
