"""Back-office routes: reports and bulk operations."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends

from svc.api.deps import certificate_service, get_container, require_admin
from svc.clients.identity import Principal
from svc.container import Container
from svc.repositories.progress import ProgressRepository
from svc.services.certificates import CertificateService
from svc.services.reports import monthly_enrolments

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/reports/enrolments")
async def enrolment_report(
    since: date,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await monthly_enrolments(container.settings, since)


@router.post("/courses/{course_id}/certificates")
async def issue_course_certificates(
    course_id: int,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
    certificates: CertificateService = Depends(certificate_service),
) -> dict:
    progress = ProgressRepository(container.pg_pool, container.settings.pg_acquire_timeout)
    completers = await progress.completers(course_id)
    pairs = await progress.enrolment_pairs(course_id, [r["user_id"] for r in completers])
    issued = await certificates.issue_for_course(course_id, pairs)
    return {"issued": issued, "eligible": len(pairs)}
