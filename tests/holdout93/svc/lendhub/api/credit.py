from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from ..services.credit import CreditService
from .deps import credit_service, current_user

router = APIRouter(prefix="/applications/{application_id}/credit", tags=["credit"])


@router.post("")
async def pull_credit(
    application_id: int, _: dict = Depends(current_user), svc: CreditService = Depends(credit_service)
) -> list[dict[str, Any]]:
    return await svc.summary(application_id)
