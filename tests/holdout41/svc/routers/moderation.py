from __future__ import annotations

import logging
from typing import Literal

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel

from svc.auth.deps import AdminUser, Session
from svc.repositories import moderation_repo, posts_repo

router = APIRouter(prefix="/moderation", tags=["moderation"])
log = logging.getLogger(__name__)


class Decision(BaseModel):
    status: Literal["approved", "rejected"]
    reason: str | None = None


class BulkApprove(BaseModel):
    item_ids: list[int]


@router.get("/queue")
async def review_queue(admin: AdminUser, session: Session) -> dict:
    items = await moderation_repo.review_queue(session)
    return {
        "items": [
            {"id": i.id, "post_id": i.post_id, "comment_id": i.comment_id, "score": i.score, "labels": i.labels}
            for i in items
        ]
    }


@router.post("/{item_id}/decision")
async def decide(item_id: int, decision: Decision, request: Request, admin: AdminUser, session: Session) -> dict:
    item = await moderation_repo.get(session, item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such item")
    if item.status != "needs_review":
        raise HTTPException(status.HTTP_409_CONFLICT, f"item already {item.status}")
    await moderation_repo.set_status(session, item_id, decision.status, reviewer=admin.id)
    if decision.status == "rejected" and item.post_id is not None:
        await posts_repo.set_status(session, item.post_id, "removed")
    await session.commit()
    log.info(
        "moderation decision",
        extra={"ctx": {"item": item_id, "decision": decision.status, "admin": admin.id, "reason": decision.reason}},
    )
    if decision.status == "rejected" and item.post_id is not None:
        post = await posts_repo.get(session, item.post_id)
        if post is not None:
            await request.app.state.notifications.notify(
                post.author_id, "moderation", {"post_id": post.id, "reason": decision.reason}
            )
    return {"id": item_id, "status": decision.status}


@router.post("/bulk-approve")
async def bulk_approve(body: BulkApprove, admin: AdminUser, session: Session) -> dict:
    approved = []
    for item_id in body.item_ids[:100]:
        if await moderation_repo.decide_if_pending(session, item_id, "approved", admin.id):
            approved.append(item_id)
    await session.commit()
    log.info("bulk approve", extra={"ctx": {"admin": admin.id, "count": len(approved)}})
    return {"approved": approved}
