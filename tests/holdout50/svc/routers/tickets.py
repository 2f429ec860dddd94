from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..schemas import TicketPurchase
from ..services.payment_service import CheckoutFailed, PaymentService
from ..repos.customer_repo import CustomerRepository
from ..services.pricing import RACK_RATES
from ..services.ticket_service import TicketService, TicketValidationError
from ..utils.rfid import decode_ticket_barcode

router = APIRouter(prefix="/tickets", tags=["tickets"])


def _service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> TicketService:
    payments = PaymentService(request.app.state.payments, session)
    return TicketService(session, request.app.state.pricing, payments, settings)


@router.post("/purchase", status_code=status.HTTP_201_CREATED)
async def purchase(
    body: TicketPurchase,
    service: TicketService = Depends(_service),
    settings: Settings = Depends(get_settings),
) -> dict:
    today = datetime.now(ZoneInfo(settings.resort_tz)).date()
    try:
        order = await service.purchase(body, today)
    except TicketValidationError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    except CheckoutFailed as exc:
        raise HTTPException(status.HTTP_402_PAYMENT_REQUIRED, exc.reason) from exc
    return {"order_id": order.id, "total": str(order.total)}


@router.get("/{barcode}")
async def get_ticket(barcode: str, service: TicketService = Depends(_service)) -> dict:
    try:
        resort, season_day, _ = decode_ticket_barcode(barcode)
    except ValueError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "bad barcode") from exc
    ticket = await service.lookup(barcode)
    if ticket is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown ticket")
    return {
        "barcode": ticket.barcode,
        "valid_on": ticket.valid_on.isoformat(),
        "product": ticket.product_code,
        "resort": resort,
        "season_day": season_day,
    }


@router.get("/history/{customer_id}")
async def history(customer_id: int, service: TicketService = Depends(_service)) -> list[dict]:
    return await service.history(customer_id)


@router.get("/products/rack-rates")
async def rack_rates() -> dict[str, str]:
    return {code: str(price) for code, price in sorted(RACK_RATES.items())}


@router.get("/customers/by-email")
async def customer_by_email(email: str, session: AsyncSession = Depends(get_session)) -> dict:
    customer = await CustomerRepository(session).by_email(email)
    if customer is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown customer")
    return {
        "id": customer.id,
        "name": f"{customer.first_name} {customer.last_name}",
        "has_photo": customer.photo_key is not None,
    }
