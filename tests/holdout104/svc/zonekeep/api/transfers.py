from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep
from zonekeep.repositories.domains import DomainRepository
from zonekeep.repositories.transfers import TransferRepository
from zonekeep.services.transfers import TransferService

router = APIRouter(prefix="/v1/transfers", tags=["transfers"])


class TransferInRequest(BaseModel):
    name: str
    auth_code: str


@router.get("")
async def list_transfers(account: AccountDep, session: SessionDep) -> list[dict]:
    items = await TransferRepository(session).list_for_account(account.id)
    return [{"id": t.id, "domain": t.domain_name, "direction": t.direction, "status": t.status} for t in items]


@router.post("/in", status_code=202)
async def transfer_in(body: TransferInRequest, account: AccountDep, session: SessionDep,
                      container: ContainerDep) -> dict:
    transfer = await TransferService(session, container.epp).request_in(account.id, body.name, body.auth_code)
    return {"id": transfer.id, "status": transfer.status}


@router.post("/{transfer_id}/approve")
async def approve_out(transfer_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    transfer = await TransferService(session, container.epp).approve_out(account.id, transfer_id)
    return {"id": transfer.id, "status": transfer.status}


@router.post("/verify-code")
async def verify_code(name: str, code: str, account: AccountDep, session: SessionDep,
                      container: ContainerDep) -> dict:
    domain = await DomainRepository(session).get_by_name(name.lower())
    if domain is None or domain.account_id != account.id:
        raise HTTPException(status_code=404, detail="domain not found")
    ok = await TransferService(session, container.epp).verify_code(domain, code)
    return {"valid": ok}
