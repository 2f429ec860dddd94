from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.deps import CurrentUser, current_user, get_session, quote_service
from fieldops.errors import NotFound
from fieldops.repositories.customers import CustomerRepository
from fieldops.schemas import QuoteIn
from fieldops.services.quotes import QuoteService

router = APIRouter(prefix="/quotes", tags=["quotes"])


@router.post("", status_code=201)
async def build_quote(
    body: QuoteIn,
    user: CurrentUser = Depends(current_user),
    session: AsyncSession = Depends(get_session),
    service: QuoteService = Depends(quote_service),
) -> dict:
    customer = await CustomerRepository(session).get(body.customer_id)
    if customer is None or customer.account_id != user.account_id:
        raise NotFound("customer not found")
    items = [item.model_dump() for item in body.items]
    return await service.build(customer, body.work_order_id, items, body.labour_hours, body.emergency)


@router.post("/{quote_id}/accept")
async def accept_quote(
    quote_id: int, user: CurrentUser = Depends(current_user), service: QuoteService = Depends(quote_service)
) -> dict:
    try:
        await service.accept(quote_id)
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return {"status": "accepted"}


@router.post("/{quote_id}/decline")
async def decline_quote(
    quote_id: int, user: CurrentUser = Depends(current_user), service: QuoteService = Depends(quote_service)
) -> dict:
    await service.decline(quote_id)
    return {"status": "declined"}
