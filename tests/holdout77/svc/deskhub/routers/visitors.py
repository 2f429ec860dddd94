from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import current_member, get_session, get_visitors, require_staff
from ..errors import NotFound
from ..models import Member
from ..repositories.access import VisitorRepository
from ..schemas import VisitorIn, VisitorOut
from ..services.visitor_service import VisitorService

router = APIRouter(prefix="/visitors", tags=["visitors"])


@router.post("", status_code=201)
async def pre_register(body: VisitorIn, member: Member = Depends(current_member),
                       svc: VisitorService = Depends(get_visitors)) -> dict:
    visitor, token = await svc.pre_register(member.id, body.location_id, body.name, body.email, body.company,
                                            body.expected_at)
    return {"visitor": VisitorOut.model_validate(visitor).model_dump(mode="json"), "invitation": token}


@router.post("/invitations/{token}", response_model=VisitorOut)
async def redeem_invitation(token: str, svc: VisitorService = Depends(get_visitors)) -> VisitorOut:
    """Kiosk endpoint: the visitor scans the QR code from their invitation e-mail."""
    return VisitorOut.model_validate(await svc.redeem_invitation(token))


@router.post("/{visitor_id}/check-in", response_model=VisitorOut)
async def check_in(visitor_id: int, _staff: Member = Depends(require_staff),
                   svc: VisitorService = Depends(get_visitors)) -> VisitorOut:
    return VisitorOut.model_validate(await svc.check_in(visitor_id))


@router.post("/{visitor_id}/check-out", response_model=VisitorOut)
async def check_out(visitor_id: int, _staff: Member = Depends(require_staff),
                    svc: VisitorService = Depends(get_visitors)) -> VisitorOut:
    return VisitorOut.model_validate(await svc.check_out(visitor_id))


@router.get("/{visitor_id}", response_model=VisitorOut)
async def get_visitor(visitor_id: int, _staff: Member = Depends(require_staff),
                      session: AsyncSession = Depends(get_session)):
    visitor = await VisitorRepository(session).get(visitor_id)
    if visitor is None:
        return JSONResponse(status_code=404, content={"detail": "visitor not found"})
    return VisitorOut.model_validate(visitor)


@router.get("/{visitor_id}/badge.png")
async def badge_png(visitor_id: int, _staff: Member = Depends(require_staff),
                    svc: VisitorService = Depends(get_visitors)) -> Response:
    png = svc.badge_image(visitor_id)
    if png is None:
        raise NotFound("no badge rendered for this visitor")
    return Response(png, media_type="image/png")
