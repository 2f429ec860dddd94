from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Response

from ..security import Principal, require_promoter
from ..services.payouts import PayoutService
from .deps import payout_service

router = APIRouter(prefix="/promoters/me", tags=["payouts"])


@router.get("/statement.csv")
async def statement_csv(
    principal: Principal = Depends(require_promoter), service: PayoutService = Depends(payout_service)
) -> Response:
    body = await service.statement_csv(principal.subject)
    return Response(content=body, media_type="text/csv")


@router.get("/statement.pdf")
async def statement_pdf(
    principal: Principal = Depends(require_promoter), service: PayoutService = Depends(payout_service)
) -> Response:
    body = await service.statement_pdf(principal.subject)
    return Response(content=body, media_type="application/pdf")


@router.post("/payouts/retry")
async def retry_payouts(
    principal: Principal = Depends(require_promoter), service: PayoutService = Depends(payout_service)
) -> dict:
    retried = await service.retry_failed(principal.subject)
    if retried == 0:
        raise HTTPException(status_code=404, detail="nothing to retry")
    return {"retried": retried}
