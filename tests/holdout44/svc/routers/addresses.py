from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field

from svc.deps import address_service
from svc.security import Operator, Principal, require_customer, require_operator
from svc.services.address_service import AddressService, UnsupportedChain

router = APIRouter(prefix="/addresses", tags=["addresses"])


class AllocateBody(BaseModel):
    chain: str = Field(pattern="^[a-z]{2,8}$")
    label: str | None = Field(default=None, max_length=100)


class AddressOut(BaseModel):
    id: int
    chain: str
    address: str
    label: str | None


@router.post("", response_model=AddressOut, status_code=status.HTTP_201_CREATED)
async def allocate_address(
    body: AllocateBody,
    principal: Principal = Depends(require_customer),
    service: AddressService = Depends(address_service),
) -> AddressOut:
    try:
        row = await service.allocate(principal.customer_id, body.chain, body.label)
    except UnsupportedChain as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"unsupported chain {exc}") from exc
    return AddressOut(id=row.id, chain=row.chain, address=row.address, label=row.label)


@router.get("", response_model=list[AddressOut])
async def list_addresses(
    principal: Principal = Depends(require_customer),
    service: AddressService = Depends(address_service),
) -> list[AddressOut]:
    rows = await service.list_addresses(principal.customer_id)
    return [AddressOut(id=r.id, chain=r.chain, address=r.address, label=r.label) for r in rows]


@router.get("/search", response_model=list[AddressOut])
async def search_addresses(
    q: str,
    operator: Operator = Depends(require_operator),
    service: AddressService = Depends(address_service),
) -> list[AddressOut]:
    rows = await service.repo.search_label(q)
    return [AddressOut(id=r.id, chain=r.chain, address=r.address, label=r.label) for r in rows]


@router.post("/pool/{chain}/refill")
async def refill_pool(
    chain: str,
    count: int = 1000,
    operator: Operator = Depends(require_operator),
    service: AddressService = Depends(address_service),
) -> dict[str, int]:
    if "address-admin" not in operator.roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "address-admin role required")
    return {"derived": await service.refill_pool(chain, min(count, 10_000))}
