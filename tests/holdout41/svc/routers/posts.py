from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, File, HTTPException, Request, status, UploadFile
from pydantic import BaseModel, Field

from svc.auth.deps import CurrentUser, Session
from svc.repositories import likes_repo, users_repo
from svc.routers.deps import comment_service, like_service, media_service, post_service
from svc.services.comments import CommentRejected, CommentService
from svc.services.likes import LikeService
from svc.services.media import MediaRejected, MediaService
from svc.services.posts import PostForbidden, PostNotFound, PostService
from svc.utils import flags


router = APIRouter(tags=["posts"])
log = logging.getLogger(__name__)


class PostIn(BaseModel):
    body: str = Field(min_length=1, max_length=4000)
    media_id: int | None = None
    visibility: str = "public"


class PostOut(BaseModel):
    id: int
    author_id: int
    body: str
    media_id: int | None
    visibility: str
    like_count: int
    comment_count: int

    model_config = {"from_attributes": True}


@router.post("/posts", response_model=PostOut, status_code=status.HTTP_201_CREATED)
async def create_post(payload: PostIn, user: CurrentUser, service: PostService = Depends(post_service)):
    try:
        return await service.create(user, payload.body, payload.media_id, payload.visibility)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    except Exception as exc:
        log.warning("post creation failed: %s", exc)
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "could not create post") from exc


@router.get("/posts/{post_id}", response_model=PostOut)
async def get_post(post_id: int, request: Request, user: CurrentUser, service: PostService = Depends(post_service)):
    try:
        post = await service.get_visible(user, post_id)
    except PostNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such post") from None
    request.app.state.view_counter.record(post_id)
    return post


@router.delete("/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_post(post_id: int, user: CurrentUser, service: PostService = Depends(post_service)) -> None:
    try:
        await service.delete(user, post_id)
    except PostNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "post not found") from None
    except PostForbidden:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not your post") from None


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=2000)
    parent_id: int | None = None


@router.post("/posts/{post_id}/comments", status_code=status.HTTP_201_CREATED)
async def add_comment(
    post_id: int, payload: CommentIn, user: CurrentUser, service: CommentService = Depends(comment_service)
) -> dict:
    try:
        comment = await service.add(user, post_id, payload.body, payload.parent_id)
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "post not found") from None
    except CommentRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return {"id": comment.id, "status": comment.status}


@router.get("/posts/{post_id}/comments")
async def list_comments(post_id: int, user: CurrentUser, service: CommentService = Depends(comment_service)) -> dict:
    return {"items": await service.thread(post_id)}


@router.put("/posts/{post_id}/like")
async def like(post_id: int, user: CurrentUser, service: LikeService = Depends(like_service)) -> dict:
    try:
        changed = await service.like(user.id, post_id)
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "post not found") from None
    return {"liked": True, "changed": changed, "count": await service.count(post_id)}


@router.delete("/posts/{post_id}/like")
async def unlike(post_id: int, user: CurrentUser, service: LikeService = Depends(like_service)) -> dict:
    changed = await service.unlike(user.id, post_id)
    return {"liked": False, "changed": changed, "count": await service.count(post_id)}


@router.get("/posts/{post_id}/likers")
async def likers(post_id: int, user: CurrentUser, session: Session) -> dict:
    ids = await likes_repo.likers(session, post_id)
    users = await users_repo.get_many(session, ids)
    return {"items": [users_repo.to_public(users[i]) for i in ids if i in users]}


@router.post("/media/images", status_code=status.HTTP_201_CREATED)
async def upload_image(
    user: CurrentUser, file: UploadFile = File(...), service: MediaService = Depends(media_service)
) -> dict:
    try:
        asset = await service.upload_image(user, file)
    except MediaRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": asset.id, "url": service.public_url(asset.storage_key), "status": "ready"}


@router.post("/media/videos", status_code=status.HTTP_202_ACCEPTED)
async def upload_video(
    user: CurrentUser, file: UploadFile = File(...), service: MediaService = Depends(media_service)
) -> dict:
    if not flags.is_enabled("video_uploads"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "video uploads are not enabled")
    try:
        asset = await service.upload_video(user, file)
    except MediaRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": asset.id, "status": "processing"}
