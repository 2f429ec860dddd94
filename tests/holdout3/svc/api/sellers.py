from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import (
    current_seller,
    get_order_service,
    get_seller_service,
    get_statement_service,
)
from svc.db.models import Seller
from svc.db.session import get_session
from svc.schemas import ApiKeyOut, KycSubmit, SaleView, SellerCreate, SellerOut, StatementOut
from svc.services.orders import OrderService
from svc.services.sellers import SellerService
from svc.services.ledger import StatementService, statement_csv

router = APIRouter(prefix="/sellers", tags=["sellers"])


@router.post("", response_model=SellerOut, status_code=status.HTTP_201_CREATED)
async def register_seller(body: SellerCreate, service: SellerService = Depends(get_seller_service)) -> Seller:
    return await service.register(body)


@router.post("/me/api-keys", response_model=ApiKeyOut, status_code=status.HTTP_201_CREATED)
async def create_api_key(
    seller: Seller = Depends(current_seller), service: SellerService = Depends(get_seller_service)
) -> ApiKeyOut:
    token, key = await service.create_api_key(seller.id)
    return ApiKeyOut(token=token, prefix=key.prefix, created_at=key.created_at)


@router.post("/me/kyc")
async def submit_kyc(
    body: KycSubmit, seller: Seller = Depends(current_seller), service: SellerService = Depends(get_seller_service)
) -> dict[str, str]:
    return {"kyc_status": await service.submit_kyc(seller.id, body)}


@router.get("/search", response_model=list[SellerOut])
async def search_sellers(
    q: str = Query(min_length=2, max_length=100), service: SellerService = Depends(get_seller_service)
) -> list[Seller]:
    return list(await service.search(q))


@router.get("/by-prefix", response_model=list[SellerOut])
async def sellers_by_prefix(
    prefix: str = Query(min_length=1, max_length=80), service: SellerService = Depends(get_seller_service)
) -> list[Seller]:
    return list(await service.by_prefix(prefix))


@router.get("/{seller_id}/badges")
async def seller_badges(seller_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> list[str]:
    return list(await request.app.state.badges.badges(session, seller_id))


@router.get("/me/balance")
async def my_balance(
    currency: str = Query(min_length=3, max_length=3),
    seller: Seller = Depends(current_seller),
    statements: StatementService = Depends(get_statement_service),
) -> dict[str, int | str]:
    return {"currency": currency.upper(), "available_minor": await statements.balance(seller.id, currency.upper())}


@router.get("/me/statements/{year}/{month}.csv", response_class=PlainTextResponse)
async def monthly_statement_csv(
    year: int,
    month: int,
    seller: Seller = Depends(current_seller),
    statements: StatementService = Depends(get_statement_service),
) -> str:
    return statement_csv(await statements.monthly(seller.id, year, month))


@router.get("/me/statements/{year}/{month}", response_model=StatementOut)
async def monthly_statement(
    year: int,
    month: int,
    seller: Seller = Depends(current_seller),
    statements: StatementService = Depends(get_statement_service),
) -> StatementOut:
    return await statements.monthly(seller.id, year, month)


@router.get("/me/sales", response_model=list[SaleView])
async def my_sales(
    seller: Seller = Depends(current_seller), orders: OrderService = Depends(get_order_service)
) -> list[SaleView]:
    return await orders.seller_sales(seller.id)
