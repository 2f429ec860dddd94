"""Profile photo management."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Response, UploadFile
from pydantic import BaseModel

from ..deps import CurrentUser, Services

router = APIRouter(prefix="/v1/me/photos", tags=["photos"])


class PhotoOrder(BaseModel):
    photo_ids: list[int]


@router.get("")
async def list_photos(user: CurrentUser, svc: Services) -> list[dict[str, Any]]:
    photos = await svc.photo_repo.list_for(user.user_id)
    items = []
    for photo in photos:
        url = await svc.storage.public_url(photo.key)
        items.append({"id": photo.id, "position": photo.position, "status": photo.status, "url": url})
    return items


@router.post("", status_code=201)
async def upload_photo(user: CurrentUser, svc: Services, file: UploadFile = File(...)) -> dict[str, Any]:
    data = await file.read()
    return await svc.photos.upload(user.user_id, data, file.content_type or "application/octet-stream")


@router.put("/order")
async def reorder_photos(body: PhotoOrder, user: CurrentUser, svc: Services) -> list[dict[str, Any]]:
    return await svc.photos.reorder(user.user_id, body.photo_ids)


@router.delete("/{photo_id}", status_code=204)
async def delete_photo(photo_id: int, user: CurrentUser, svc: Services) -> Response:
    await svc.photos.remove(user.user_id, photo_id)
    return Response(status_code=204)
