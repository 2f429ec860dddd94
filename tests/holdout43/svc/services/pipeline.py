"""Builds the recruiter's kanban view of a job's pipeline."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Stage
from svc.repositories.applications import ApplicationRepository
from svc.repositories.candidates import CandidateRepository
from svc.utils.text import snippet

BOARD_STAGES = [Stage.applied, Stage.screen, Stage.interview, Stage.offer, Stage.hired]


def _card(application, candidate) -> dict:
    return {
        "application_id": application.id,
        "candidate_id": candidate.id,
        "name": candidate.full_name,
        "stage": application.stage.value,
        "score": application.score,
        "headline": snippet(candidate.resume_text or "", 120),
        "since": application.stage_changed_at.isoformat(),
    }


async def build_board(session: AsyncSession, job_id: int) -> dict:
    applications = await ApplicationRepository(session).for_job(job_id, BOARD_STAGES)
    candidates = CandidateRepository(session)
    columns: dict[str, list[dict]] = {s.value: [] for s in BOARD_STAGES}
    for application in applications:
        candidate = await candidates.get(application.candidate_id)
        columns[application.stage.value].append(_card(application, candidate))
    return {"job_id": job_id, "columns": columns}


async def build_compact_board(session: AsyncSession, job_id: int) -> dict:
    applications = await ApplicationRepository(session).for_job_with_candidates(job_id)
    columns: dict[str, list[dict]] = {s.value: [] for s in BOARD_STAGES}
    for application in applications:
        if application.stage in BOARD_STAGES:
            columns[application.stage.value].append(_card(application, application.candidate))
    return {"job_id": job_id, "columns": columns}


async def export_rows(session: AsyncSession, job_id: int) -> list[dict]:
    applications = await ApplicationRepository(session).for_job(job_id)
    by_id = await CandidateRepository(session).get_many([a.candidate_id for a in applications])
    return [
        {
            "application_id": a.id,
            "candidate": by_id[a.candidate_id].full_name,
            "email": by_id[a.candidate_id].email,
            "stage": a.stage.value,
            "applied_at": a.created_at.isoformat(),
        }
        for a in applications
        if a.candidate_id in by_id
    ]
