from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import curtailment_service, db_session
from ..repositories.sites import SiteRepository
from ..schemas import CurtailmentCommand
from ..services.curtailment_service import CurtailmentService
from ..settings import get_settings

log = logging.getLogger(__name__)
router = APIRouter(prefix="/curtailment", tags=["curtailment"])


@router.post("/commands")
async def receive_command(
    cmd: CurtailmentCommand,
    x_tso_token: str = Header(...),
    session: AsyncSession = Depends(db_session),
    svc: CurtailmentService = Depends(curtailment_service),
):
    if x_tso_token != get_settings().grid_operator_token:
        log.warning("rejected curtailment command %s: bad TSO token", cmd.command_id)
        raise HTTPException(status_code=401, detail="bad token")
    site = await SiteRepository(session).get(cmd.site_id)
    outcome = await svc.handle(cmd, site.capacity_kw)
    log.info("curtailment %s for %s: %s", cmd.command_id, site.code, outcome)
    return {"command_id": cmd.command_id, "outcome": outcome}
