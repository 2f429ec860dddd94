from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.deps import CurrentUser, current_user, customer_service, get_session
from fieldops.errors import NotFound
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.sites import SiteRepository
from fieldops.schemas import CustomerIn, CustomerPatch, SiteIn
from fieldops.services.customers import CustomerService


router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("")
async def search_customers(
    q: str = Query(min_length=2),
    user: CurrentUser = Depends(current_user),
    service: CustomerService = Depends(customer_service),
) -> list[dict]:
    return await service.search(user.account_id, q)


@router.post("", status_code=201)
async def create_customer(
    body: CustomerIn, user: CurrentUser = Depends(current_user), service: CustomerService = Depends(customer_service)
) -> dict:
    return await service.create(user.account_id, body.model_dump())


@router.get("/{customer_id}")
async def get_customer(
    customer_id: int, user: CurrentUser = Depends(current_user), service: CustomerService = Depends(customer_service)
) -> dict:
    return await service.get(user.account_id, customer_id)


@router.patch("/{customer_id}")
async def update_customer(
    customer_id: int,
    body: CustomerPatch,
    user: CurrentUser = Depends(current_user),
    service: CustomerService = Depends(customer_service),
) -> dict:
    return await service.update(user.account_id, customer_id, body.model_dump(exclude_unset=True))


@router.post("/{customer_id}/sites", status_code=201)
async def add_site(
    customer_id: int,
    body: SiteIn,
    user: CurrentUser = Depends(current_user),
    service: CustomerService = Depends(customer_service),
) -> dict:
    site = await service.add_site(user.account_id, customer_id, body.address)
    return {"id": site.id, "address": site.address}


site_router = APIRouter(prefix="/sites", tags=["sites"])


@site_router.get("/{site_id}")
async def get_site(site_id: int, user: CurrentUser = Depends(current_user), session: AsyncSession = Depends(get_session)):
    site = await SiteRepository(session).get(site_id)
    if site is None:
        return JSONResponse(status_code=404, content={"detail": "no such site"})
    customer = await CustomerRepository(session).get(site.customer_id)
    if customer is None or customer.account_id != user.account_id:
        raise NotFound("site not found")
    return {"id": site.id, "customer_id": site.customer_id, "address": site.address,
            "lat": site.lat, "lng": site.lng, "access_notes": site.access_notes}
