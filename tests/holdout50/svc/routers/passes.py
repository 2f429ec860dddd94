from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..deps import require_staff
from ..repos.customer_repo import CustomerRepository
from ..repos.pass_repo import PassRepository
from ..schemas import PassActivation
from ..services.pass_service import PassError, PassService

router = APIRouter(prefix="/passes", tags=["passes"])

MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _service(request: Request, session: AsyncSession = Depends(get_session)) -> PassService:
    return PassService(session, request.app.state.pass_cache)


@router.post("/{pass_id}/activate")
async def activate(
    pass_id: int,
    body: PassActivation,
    service: PassService = Depends(_service),
    session: AsyncSession = Depends(get_session),
) -> dict:
    season_pass = await PassRepository(session).get(pass_id)
    if season_pass is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown pass")
    try:
        await service.activate(pass_id, body.media_uid, body.pin, None)
    except PassError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"pass_id": pass_id, "status": "active"}


@router.post("/{pass_id}/revoke")
async def revoke(
    pass_id: int,
    reason: str,
    staff: str = Depends(require_staff),
    service: PassService = Depends(_service),
) -> dict:
    await service.revoke(pass_id, reason, staff)
    return {"pass_id": pass_id, "status": "revoked"}


@router.put("/{pass_id}/photo")
async def upload_photo(
    pass_id: int,
    photo: UploadFile = File(...),
    service: PassService = Depends(_service),
) -> dict:
    data = await photo.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "photo too large")
    path = await service.store_photo(pass_id, data)
    return {"pass_id": pass_id, "photo": path}


@router.get("/holders/search")
async def search_holders(
    q: str, staff: str = Depends(require_staff), session: AsyncSession = Depends(get_session)
) -> list[dict]:
    if len(q) < 2:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "query too short")
    customers = await CustomerRepository(session).search(q)
    passes_by_customer = await PassRepository(session).for_customers([c.id for c in customers])
    out = []
    for customer in customers:
        out.append(
            {
                "customer_id": customer.id,
                "name": f"{customer.first_name} {customer.last_name}",
                "passes": [{"id": p.id, "status": p.status.value} for p in passes_by_customer[customer.id]],
            }
        )
    return out
