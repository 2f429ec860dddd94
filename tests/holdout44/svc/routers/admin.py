"""Operator endpoints: approvals, forced dispatch, statements, treasury, exports."""
from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.signer_client import SignerError
from svc.db.engine import get_session
from svc.deps import approval_service
from svc.repositories.withdrawals import WithdrawalRepository
from svc.security import Operator, require_operator
from svc.services.approval_service import ApprovalService
from svc.services.report_service import ReportService

log = logging.getLogger(__name__)

router = APIRouter(prefix="/ops", tags=["operations"])

EXPORT_DIR = Path("/var/lib/custody/exports")


def _require(operator: Operator, role: str) -> None:
    if role not in operator.roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"{role} role required")


def _write_export(path: Path, rows: list[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, default=str) + "\n")
    return len(rows)


@router.post("/withdrawals/{withdrawal_id}/sign")
async def force_sign(
    withdrawal_id: int,
    request: Request,
    operator: Operator = Depends(require_operator),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    _require(operator, "treasury")
    repo = WithdrawalRepository(session)
    withdrawal = await repo.get_by_id(withdrawal_id)
    if withdrawal is None or withdrawal.status != "approved":
        raise HTTPException(status.HTTP_409_CONFLICT, "only approved withdrawals can be force-signed")
    try:
        signed = await request.app.state.signer_service.sign_withdrawal(withdrawal)
    except SignerError as exc:
        log.error("forced signing of withdrawal %s failed: %s", withdrawal_id, exc)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "signer error") from exc
    await repo.set_status(withdrawal_id, "signed", signed_tx=signed.raw, txid=signed.txid, fee=signed.fee)
    await session.commit()
    log.warning("operator %s force-signed withdrawal %s", operator.username, withdrawal_id)
    return {"txid": signed.txid}


@router.get("/statements/{account_id}", response_class=PlainTextResponse)
async def statement(account_id: int, asset: str, request: Request, operator: Operator = Depends(require_operator)) -> str:
    _require(operator, "support")
    reports = ReportService(request.app.state.ledger_repo, request.app.state.prices)
    return await reports.statement_csv(account_id, asset)


@router.get("/treasury")
async def treasury(request: Request, operator: Operator = Depends(require_operator)) -> dict:
    _require(operator, "treasury")
    reports = ReportService(request.app.state.ledger_repo, request.app.state.prices)
    return await reports.treasury_summary(["btc", "eth", "usdc"])


@router.post("/exports/ledger/{account_id}")
async def export_ledger(account_id: int, request: Request, operator: Operator = Depends(require_operator)) -> dict:
    _require(operator, "support")
    rows = [dict(r) for r in await request.app.state.ledger_repo.history(account_id, None, 5000)]
    path = EXPORT_DIR / f"ledger-{account_id}.jsonl"
    written = await asyncio.to_thread(_write_export, path, rows)
    log.info("operator %s exported %d ledger rows for account %s", operator.username, written, account_id)
    return {"path": str(path), "rows": written}


class DecisionBody(BaseModel):
    decision: Literal["approve", "reject"]
    comment: str | None = Field(default=None, max_length=500)


@router.get("/approvals")
async def approval_queue(
    operator: Operator = Depends(require_operator),
    service: ApprovalService = Depends(approval_service),
) -> list[dict]:
    return await service.pending_queue()


@router.post("/approvals/{withdrawal_id}")
async def decide(
    withdrawal_id: int,
    body: DecisionBody,
    operator: Operator = Depends(require_operator),
    service: ApprovalService = Depends(approval_service),
) -> dict[str, object]:
    withdrawal = await service.decide(withdrawal_id, operator, body.decision, body.comment)
    return {"id": withdrawal.id, "status": withdrawal.status}
