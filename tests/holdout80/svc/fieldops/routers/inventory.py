from __future__ import annotations

from fastapi import APIRouter, Depends

from fieldops.deps import CurrentUser, current_user, inventory_service, require_dispatcher
from fieldops.schemas import ConsumeIn, TransferIn
from fieldops.services.inventory import InventoryService

router = APIRouter(prefix="/inventory", tags=["inventory"])


@router.post("/transfers")
async def transfer(
    body: TransferIn,
    user: CurrentUser = Depends(require_dispatcher),
    service: InventoryService = Depends(inventory_service),
) -> dict:
    await service.transfer(body.part_id, body.source_id, body.dest_id, body.quantity)
    return {"ok": True}


@router.post("/consume")
async def consume(
    body: ConsumeIn, user: CurrentUser = Depends(current_user), service: InventoryService = Depends(inventory_service)
) -> dict:
    remaining = await service.consume_on_site(body.van_id, body.part_id, body.quantity)
    return {"remaining": remaining}


@router.post("/reserve")
async def reserve(
    body: ConsumeIn, user: CurrentUser = Depends(current_user), service: InventoryService = Depends(inventory_service)
) -> dict:
    return {"reserved": await service.reserve_for_job(body.van_id, body.part_id, body.quantity)}


@router.post("/purchase-orders", status_code=201)
async def purchase_order(
    lines: list[dict],
    user: CurrentUser = Depends(require_dispatcher),
    service: InventoryService = Depends(inventory_service),
) -> dict:
    return {"supplier_order_id": await service.order_from_supplier(user.account_id, lines)}
