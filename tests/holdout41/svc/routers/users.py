from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from svc.auth.deps import CurrentUser, Session
from svc.repositories import follow_repo, users_repo
from svc.routers.deps import follow_service
from svc.services.follow import FollowError, FollowService
from svc.utils.ratelimit import check_local

router = APIRouter(prefix="/users", tags=["users"])


class ProfilePatch(BaseModel):
    display_name: str | None = Field(default=None, max_length=80)
    bio: str | None = Field(default=None, max_length=280)
    avatar_url: str | None = Field(default=None, max_length=512)
    digest_opt_in: bool | None = None


@router.get("/{handle}")
async def get_profile(handle: str, request: Request, viewer: CurrentUser, session: Session) -> dict:
    check_local(f"profile:{viewer.id}", limit=120)
    user = await users_repo.by_handle(session, handle)
    if user is None or user.is_banned:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found")
    profile = await request.app.state.profiles.get(session, user.id)
    profile["viewer_follows"] = await follow_repo.is_following(session, viewer.id, user.id)
    return profile


@router.patch("/me")
async def update_me(patch: ProfilePatch, request: Request, user: CurrentUser, session: Session) -> dict:
    await users_repo.update_profile(session, user.id, **patch.model_dump(exclude_none=True))
    await session.commit()
    await request.app.state.profiles.invalidate(user.id)
    fresh = await request.app.state.profiles.get(session, user.id)
    return dict(fresh)


@router.post("/{user_id}/follow", status_code=status.HTTP_204_NO_CONTENT)
async def follow(user_id: int, user: CurrentUser, service: FollowService = Depends(follow_service)) -> None:
    try:
        await service.follow(user.id, user_id)
    except FollowError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc


@router.delete("/{user_id}/follow", status_code=status.HTTP_204_NO_CONTENT)
async def unfollow(user_id: int, user: CurrentUser, service: FollowService = Depends(follow_service)) -> None:
    await service.unfollow(user.id, user_id)


@router.post("/{user_id}/block", status_code=status.HTTP_204_NO_CONTENT)
async def block(user_id: int, user: CurrentUser, service: FollowService = Depends(follow_service)) -> None:
    await service.block(user.id, user_id)


@router.get("/{user_id}/followers")
async def followers(
    user_id: int,
    session: Session,
    viewer: CurrentUser,
    page: int = Query(0, ge=0),
    size: int = Query(50, ge=1, le=200),
) -> dict:
    ids = await follow_repo.followers_page(session, user_id, page, size)
    users = await users_repo.get_many(session, ids)
    return {"items": [users_repo.to_public(users[i]) for i in ids if i in users], "page": page}


@router.get("/me/suggestions")
async def suggestions(user: CurrentUser, service: FollowService = Depends(follow_service)) -> dict:
    return {"items": await service.suggestions(user.id)}
