from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import FileResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import current_buyer, get_order_service
from svc.db.models import Buyer
from svc.db.session import get_session
from svc.errors import NotFoundError
from svc.repositories.orders import OrderRepository
from svc.schemas import BuyNowIn, CartLineIn, ConfirmIn, OrderOut, OrderView, QuoteOut, RefundIn, ReserveIn
from svc.services.orders import OrderService

router = APIRouter(tags=["orders"])


@router.put("/cart/lines", status_code=status.HTTP_204_NO_CONTENT)
async def set_cart_line(body: CartLineIn, request: Request, buyer: Buyer = Depends(current_buyer)) -> None:
    await request.app.state.carts.set_line(buyer.id, body.listing_id, body.quantity)


@router.post("/checkout/quote", response_model=QuoteOut)
async def checkout_quote(
    request: Request, buyer: Buyer = Depends(current_buyer), session: AsyncSession = Depends(get_session)
) -> QuoteOut:
    quote = await request.app.state.checkout.quote(session, buyer.id)
    p = quote.priced
    return QuoteOut(
        quote_id=quote.quote_id,
        currency=p.currency,
        subtotal_minor=p.subtotal_minor,
        tax_minor=p.tax_minor,
        fee_minor=p.fee_minor,
        total_minor=p.total_minor,
    )


@router.post("/checkout/confirm", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
async def checkout_confirm(
    body: ConfirmIn, buyer: Buyer = Depends(current_buyer), orders: OrderService = Depends(get_order_service)
) -> OrderOut:
    order = await orders.confirm_checkout(buyer.id, body.quote_id, body.payment_id)
    return OrderOut.model_validate(order)


@router.post("/checkout/reservations", status_code=status.HTTP_201_CREATED)
async def reserve(body: ReserveIn, request: Request, buyer: Buyer = Depends(current_buyer)) -> dict[str, str]:
    reservation = await request.app.state.reservations.reserve(body.listing_id, buyer.id, body.quantity)
    return {"expires_at": reservation.expires_at.isoformat()}


@router.post("/orders/buy-now", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
async def buy_now(
    body: BuyNowIn, buyer: Buyer = Depends(current_buyer), orders: OrderService = Depends(get_order_service)
) -> OrderOut:
    order = await orders.buy_now(buyer, body.listing_id, body.quantity, body.payment_id)
    return OrderOut.model_validate(order)


@router.get("/orders", response_model=list[OrderView])
async def order_history(
    buyer: Buyer = Depends(current_buyer), orders: OrderService = Depends(get_order_service)
) -> list[OrderView]:
    return await orders.buyer_history(buyer.id)


@router.get("/orders/fee-preview")
async def fee_preview(
    listing_id: int, quantity: int = 1, orders: OrderService = Depends(get_order_service)
) -> dict[str, int]:
    return await orders.preview_fee(listing_id, quantity)


@router.post("/orders/{order_id}/invoice")
async def order_invoice(
    order_id: int,
    request: Request,
    buyer: Buyer = Depends(current_buyer),
    session: AsyncSession = Depends(get_session),
) -> FileResponse:
    order = await OrderRepository(session).get(order_id)
    if order.buyer_id != buyer.id:
        raise NotFoundError(f"order {order_id} not found")
    items = await order.awaitable_attrs.items
    path = await request.app.state.media.write_invoice(order, items)
    return FileResponse(path, media_type="application/pdf", filename=path.name)


@router.post("/orders/{order_id}/items/{item_id}/refund")
async def refund_item(
    order_id: int,
    item_id: int,
    body: RefundIn,
    buyer: Buyer = Depends(current_buyer),
    orders: OrderService = Depends(get_order_service),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    order = await OrderRepository(session).get(order_id)
    if order.buyer_id != buyer.id:
        raise NotFoundError(f"order {order_id} not found")
    return {"refunded_minor": await orders.refund_item(order_id, item_id, body.quantity)}
