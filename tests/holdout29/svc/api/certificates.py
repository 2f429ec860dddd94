"""Certificate routes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import HTMLResponse

from svc.api.deps import certificate_service, current_principal, require_admin
from svc.clients.identity import Principal
from svc.config import CERTIFICATE_TEMPLATE_DIR
from svc.services.certificates import CertificateService

router = APIRouter(prefix="/api/certificates", tags=["certificates"])


@router.post("/enrolments/{enrolment_id}", status_code=status.HTTP_201_CREATED)
async def issue(
    enrolment_id: int,
    course_id: int,
    principal: Principal = Depends(current_principal),
    certificates: CertificateService = Depends(certificate_service),
) -> dict:
    cert = await certificates.issue(enrolment_id, principal.user_id, course_id)
    return {"id": cert.id, "verification_code": cert.verification_code}


@router.post("/{certificate_id}/reissue")
async def reissue(
    certificate_id: int,
    _: Principal = Depends(require_admin),
    certificates: CertificateService = Depends(certificate_service),
) -> dict:
    return {"pdf_key": await certificates.reissue(certificate_id)}


@router.get("/verify/{code}")
async def verify(code: str, certificates: CertificateService = Depends(certificate_service)) -> dict:
    return await certificates.verify(code)


@router.get("/{certificate_id}/download-check")
async def download_check(
    certificate_id: int, token: str, certificates: CertificateService = Depends(certificate_service)
) -> dict:
    if not await certificates.download_allowed(certificate_id, token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid download token")
    return {"ok": True}


@router.get("/template-preview", response_class=HTMLResponse)
def template_preview(_: Principal = Depends(require_admin)) -> str:
    return (CERTIFICATE_TEMPLATE_DIR / "certificate.html").read_text(encoding="utf-8")
