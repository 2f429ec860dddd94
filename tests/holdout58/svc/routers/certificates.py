from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from .. import deps
from ..db.engine import get_session
from ..repositories.certificates import CertificateRepository
from ..services.cert_rotation import CertRotationService
from ..services.registry import RegistryService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/devices/{device_id}/certificate", tags=["certificates"])


@router.get("")
async def current_certificate(device_id: str, session: AsyncSession = Depends(get_session)) -> dict:
    cert = await CertificateRepository(session).active_for_device(device_id)
    if cert is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no active certificate")
    return {
        "serial": cert.serial,
        "fingerprint": cert.fingerprint,
        "not_after": cert.not_after,
        "days_left": CertRotationService.days_left(cert),
    }


@router.post("/rotate", status_code=status.HTTP_202_ACCEPTED)
async def rotate_certificate(
    device_id: str,
    registry: RegistryService = Depends(deps.registry_service),
    rotation: CertRotationService = Depends(deps.cert_rotation),
) -> dict:
    device = await registry.get(device_id)
    cert = await rotation.rotate(device.id, device.site_id)
    if cert is None:
        logger.warning("on-demand rotation for %s produced no certificate", device_id)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "certificate authority unavailable")
    return {"serial": cert.serial, "not_after": cert.not_after}
