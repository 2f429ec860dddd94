from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..db.models import RentalItem
from ..deps import require_staff
from ..repos.customer_repo import CustomerRepository
from ..schemas import RentalCheckout
from ..services.payment_service import CheckoutFailed, PaymentService
from ..services.rental_service import OutOfStock, RentalService

router = APIRouter(prefix="/rentals", tags=["rentals"], dependencies=[Depends(require_staff)])


def _service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> RentalService:
    return RentalService(session, PaymentService(request.app.state.payments, session), settings)


@router.post("/checkout", status_code=status.HTTP_201_CREATED)
async def checkout(
    body: RentalCheckout,
    service: RentalService = Depends(_service),
    session: AsyncSession = Depends(get_session),
) -> dict:
    customer = await CustomerRepository(session).get(body.customer_id)
    if customer is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown customer")
    try:
        contract = await service.checkout(body, customer)
    except OutOfStock as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, f"item {exc.args[0]} unavailable") from exc
    except CheckoutFailed as exc:
        raise HTTPException(status.HTTP_402_PAYMENT_REQUIRED, exc.reason) from exc
    await service.print_labels(contract.id)
    return {"contract_id": contract.id, "due_at": contract.due_at.isoformat()}


@router.post("/{contract_id}/return")
async def return_contract(contract_id: int, service: RentalService = Depends(_service)) -> dict:
    try:
        contract = await service.return_contract(contract_id)
    except ValueError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"contract_id": contract.id, "returned_at": contract.returned_at.isoformat()}


@router.post("/{contract_id}/swap")
async def swap(contract_id: int, old_item_id: int, new_item_id: int, service: RentalService = Depends(_service)) -> dict:
    try:
        await service.swap_item(contract_id, old_item_id, new_item_id)
    except (OutOfStock, ValueError) as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"contract_id": contract_id, "swapped": [old_item_id, new_item_id]}


@router.get("/availability")
async def availability(service: RentalService = Depends(_service)) -> list[dict]:
    return await service.availability()


@router.post("/{contract_id}/receipt")
async def receipt(contract_id: int, service: RentalService = Depends(_service)) -> dict:
    await service.print_receipt(contract_id)
    return {"printed": True}


@router.post("/items/{item_id}/adjust")
async def adjust_inventory(item_id: int, delta: int, session: AsyncSession = Depends(get_session)) -> dict:
    result = await session.execute(
        update(RentalItem)
        .where(RentalItem.id == item_id, RentalItem.quantity_available + delta >= 0)
        .values(
            quantity_available=RentalItem.quantity_available + delta,
            quantity_total=RentalItem.quantity_total + delta,
        )
        .returning(RentalItem.quantity_available)
    )
    available = result.scalar_one_or_none()
    if available is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "adjustment would make stock negative")
    await session.commit()
    return {"item_id": item_id, "available": available}
