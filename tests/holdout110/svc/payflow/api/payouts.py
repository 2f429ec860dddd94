from __future__ import annotations

import hashlib
import hmac
import json

from fastapi import APIRouter, Depends, Header, Request

from payflow.api.deps import Repos, admin_user, repos
from payflow.errors import Forbidden, InvalidState, NotFound
from payflow.models import Payout, User
from payflow.schemas import AdvanceIn
from payflow.services.payout_service import funding_ledger
from payflow.services.idempotency import IdempotencyStore
from payflow.services.payout_service import PayoutService
from payflow.settings import get_settings

router = APIRouter(tags=["payouts"])


def _service(request: Request, r: Repos) -> PayoutService:
    return PayoutService(r.payouts, r.employees, request.app.state.payments, funding_ledger)


@router.post("/employees/{employee_id}/advances", status_code=201)
async def request_advance(
    employee_id: int,
    body: AdvanceIn,
    request: Request,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=80),
    user: User = Depends(admin_user),
    r: Repos = Depends(repos),
) -> dict:
    store = IdempotencyStore(request.app.state.redis, "advances")

    async def create() -> dict:
        payout = await _service(request, r).request_advance(user.company_id, employee_id, body.amount)
        await r.session.commit()
        return {"payout_id": payout.id, "amount": str(payout.amount), "status": payout.status.value}

    return await store.run(user.company_id, idempotency_key, create)


@router.get("/funding/balance")
async def funding_balance(request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    company = await r.companies.get(user.company_id)
    balance = await _service(request, r).funding_balance(company)
    return {"available": None if balance is None else str(balance)}


@router.post("/payouts/{payout_id}/resubmit")
async def resubmit_payout(
    payout_id: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)
) -> dict:
    payout = await r.session.get(Payout, payout_id, with_for_update=True)
    if payout is None or payout.company_id != user.company_id:
        raise NotFound("payout not found")
    if payout.employee_id is None:
        raise InvalidState("contractor payouts are resubmitted from the invoice")
    employee = await r.employees.get(user.company_id, payout.employee_id)
    if employee.bank_account_token is None or employee.bank_account_token == payout.destination_token:
        raise InvalidState("update the employee's bank account before resubmitting")
    replacement = await _service(request, r).resubmit_returned(payout, employee.bank_account_token)
    await r.audit.record(user.company_id, user.id, "payout.resubmitted", "payout", payout.id, {"replacement": replacement.id})
    return {"payout_id": replacement.id, "status": replacement.status.value}


def _verify_signature(raw: bytes, signature: str) -> None:
    secret = get_settings().payments_webhook_secret.encode()
    expected = hmac.new(secret, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Forbidden("bad webhook signature")


@router.post("/webhooks/payments")
async def payments_webhook(
    request: Request,
    signature: str = Header(..., alias="X-Bankrail-Signature"),
    r: Repos = Depends(repos),
) -> dict:
    raw = await request.body()
    _verify_signature(raw, signature)
    event = json.loads(raw)
    if not event.get("type", "").startswith("payout."):
        return {"received": True}
    await _service(request, r).apply_webhook(event)
    return {"received": True}
