from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Header, HTTPException, Request, status

from lexdesk.api.deps import ContainerDep, PrincipalDep
from lexdesk.schemas import FilingRequest
from lexdesk.security import verify_webhook_signature

log = logging.getLogger(__name__)

router = APIRouter(tags=["e-filing"])


@router.post("/filings", status_code=status.HTTP_202_ACCEPTED)
async def submit_filing(payload: FilingRequest, principal: PrincipalDep, container: ContainerDep) -> dict:
    return await container.efiling.submit(principal, payload)


@router.get("/filings/{filing_id}/court-status")
async def filing_court_status(filing_id: int, principal: PrincipalDep, container: ContainerDep) -> dict:
    return await container.efiling.court_status(principal, filing_id)


@router.get("/filings/envelopes/{provider_ref}")
async def filing_by_envelope(provider_ref: str, principal: PrincipalDep, container: ContainerDep) -> dict:
    return await container.efiling.lookup_envelope(principal, provider_ref)


@router.get("/courts/{court_code}/fees")
async def court_fees(court_code: str, container: ContainerDep) -> dict:
    return await container.efiling.fee_schedule(court_code.upper())


@router.get("/courts/{court_code}/cases/{case_number}")
async def court_case(court_code: str, case_number: str, principal: PrincipalDep, container: ContainerDep) -> dict:
    case = await container.court_rules.case_lookup(court_code.upper(), case_number)
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "case not found")
    return case


@router.post("/webhooks/efiling")
async def efiling_webhook(request: Request, container: ContainerDep, x_signature: str = Header(default="")) -> dict:
    body = await request.body()
    if not verify_webhook_signature(container.settings.filing_webhook_secret, body, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    try:
        payload = json.loads(body)
    except json.JSONDecodeError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid json") from exc
    try:
        applied = await container.efiling.apply_webhook(payload)
    except Exception:
        log.exception("failed to apply e-filing webhook for %s", payload.get("envelope_id"))
        return {"received": True, "applied": False}
    return {"received": True, "applied": applied}
