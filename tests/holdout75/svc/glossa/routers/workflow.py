from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from glossa.db.models import Project, User
from glossa.deps import current_user, project_access, service
from glossa.schemas import ReviewIn
from glossa.services.workflow import WorkflowService

router = APIRouter(tags=["workflow"])


@router.get("/me/assignments")
async def my_assignments(user: User = Depends(current_user), workflow: WorkflowService = Depends(service("workflow"))) -> list[dict]:
    rows = await workflow.queue_for(user.id)
    return [{"id": a.id, "project_id": a.project_id, "locale": a.locale, "state": a.state, "due_at": a.due_at} for a in rows]


@router.get("/projects/{project_id}/assignments/{locale}")
async def assignment_board(
    locale: str, project: Project = Depends(project_access), workflow: WorkflowService = Depends(service("workflow"))
) -> dict:
    return {"assignments": await workflow.board(project.id, locale)}


@router.post("/assignments/{assignment_id}/claim")
async def claim_assignment(
    assignment_id: int, user: User = Depends(current_user), workflow: WorkflowService = Depends(service("workflow"))
) -> dict:
    assignment = await workflow.claim(assignment_id, user.id)
    return {"id": assignment.id, "state": assignment.state}


@router.post("/projects/{project_id}/assignments/{locale}/claim-next")
async def claim_next(
    locale: str,
    project: Project = Depends(project_access),
    user: User = Depends(current_user),
    workflow: WorkflowService = Depends(service("workflow")),
) -> dict:
    assignment_id = await workflow.claim_next(project.id, locale, user.id)
    if assignment_id is None:
        raise HTTPException(status_code=404, detail="nothing left to claim")
    return {"id": assignment_id}


@router.post("/projects/{project_id}/translations/{translation_id}/review")
async def review_translation(
    translation_id: int,
    body: ReviewIn,
    project: Project = Depends(project_access),
    user: User = Depends(current_user),
    workflow: WorkflowService = Depends(service("workflow")),
) -> dict:
    if user.role not in ("reviewer", "admin"):
        raise HTTPException(status_code=403, detail="reviewers only")
    tr = await workflow.review(project.id, translation_id, body.state, user.id)
    return {"id": tr.id, "status": tr.status, "version": tr.version}
