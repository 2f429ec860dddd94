from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from svc import __version__
from svc.deps import ProctorDep, SessionDep
from svc.services.grade_export import export_stats
from svc.services.plagiarism import PlagiarismService
from svc.ws.connections import registry

router = APIRouter(prefix="/admin", tags=["admin"])
health_router = APIRouter(tags=["health"])


@router.get("/export-status")
async def export_status(_: ProctorDep) -> dict[str, Any]:
    return export_stats()


@router.get("/connections")
async def connections(_: ProctorDep) -> dict[str, int]:
    return registry.open_count()


@router.post("/exams/{exam_id}/cross-check")
async def cross_check(exam_id: int, session: SessionDep, _: ProctorDep) -> list[dict[str, Any]]:
    pairs = await PlagiarismService(session).cross_check_exam(exam_id)
    return [{"answer_a": a, "answer_b": b, "overlap": round(score, 3)} for a, b, score in pairs]


@router.get("/workers")
async def workers(request: Request, _: ProctorDep) -> dict[str, Any]:
    worker = getattr(request.app.state, "grading_worker", None)
    return worker.stats.snapshot() if worker is not None else {}


@health_router.get("/health")
async def health() -> dict[str, str]:
    """Probe used by the load balancer and by the readiness check of the deployment."""
    return {"status": "ok"}


@health_router.get("/version")
async def version(request: Request) -> dict[str, object]:
    return {"version": __version__, "env": request.app.state.settings.environment, "sockets": registry.open_count()}
