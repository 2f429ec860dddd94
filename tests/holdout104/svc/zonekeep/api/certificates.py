from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep
from zonekeep.services.certificates import CertificateService
from zonekeep.services.zones import ZoneService

router = APIRouter(prefix="/v1/certificates", tags=["certificates"])


class CertRequestIn(BaseModel):
    zone_id: int
    names: list[str] = Field(min_length=1, max_length=100)


@router.get("")
async def list_certificates(account: AccountDep, session: SessionDep, container: ContainerDep) -> list[dict]:
    return await CertificateService(session, container.acme).list_with_orders(account.id)


@router.post("", status_code=202)
async def request_certificate(body: CertRequestIn, account: AccountDep, session: SessionDep,
                              container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, body.zone_id)
    cert = await CertificateService(session, container.acme).request(account.id, zone, body.names)
    return {"id": cert.id, "status": cert.status}


@router.post("/{cert_id}/finalize")
async def finalize_certificate(cert_id: int, zone_id: int, account: AccountDep, session: SessionDep,
                               container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    cert = await CertificateService(session, container.acme).finish(account.id, cert_id, zone)
    return {"id": cert.id, "status": "issued"}
