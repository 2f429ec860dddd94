from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..dependencies import current_user
from ..models import User
from ..services.fees import set_fee_override
from ..settings import get_settings
from ..workers.tax_export import TaxExportWorker

router = APIRouter(prefix="/admin", tags=["admin"])


def require_admin(user: User = Depends(current_user)) -> User:
    if user.role != "admin":
        raise HTTPException(status_code=403, detail="admins only")
    return user


class FeeOverrideIn(BaseModel):
    client_id: int
    rate: Decimal = Field(ge=0, le=Decimal("0.5"))


@router.post("/fees/override", status_code=204)
async def override_fee(body: FeeOverrideIn, _: User = Depends(require_admin)) -> None:
    set_fee_override(body.client_id, body.rate)


@router.get("/tax-forms/{year}/{freelancer_id}")
def download_tax_form(year: int, freelancer_id: int, _: User = Depends(require_admin)) -> Response:
    path = Path(get_settings().tax_export_dir) / str(year) / f"{freelancer_id}.csv"
    if not path.is_file():
        raise HTTPException(status_code=404, detail="form not generated")
    return Response(path.read_bytes(), media_type="text/csv")


@router.post("/tax-forms/{year}/regenerate")
async def regenerate_tax_forms(year: int, request: Request, _: User = Depends(require_admin)) -> dict[str, int]:
    state = request.app.state
    worker = TaxExportWorker(state.settings, state.pool, state.redis)
    return {"forms": await worker.run_once(year)}
