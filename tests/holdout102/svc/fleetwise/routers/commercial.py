from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.engine import get_session
from fleetwise.deps import bunker_service, ops_user, portcall_service, supplier_service
from fleetwise.domain.schemas import BunkerOrderIn, PortCallIn
from fleetwise.repositories.portcalls import PortCallRepository
from fleetwise.services.bunkers import BunkerService, OrderStateError, update_fx
from fleetwise.services.portcalls import PortCallService, UnknownPortError
from fleetwise.services.suppliers import SupplierService

router = APIRouter(tags=["commercial"], dependencies=[Depends(ops_user)])


@router.post("/bunkers/orders", status_code=201)
async def create_order(body: BunkerOrderIn, service: BunkerService = Depends(bunker_service)) -> dict:
    order = await service.create(body)
    return {"id": order.id, "status": order.status}


@router.post("/bunkers/orders/{order_id}/quotes")
async def request_quotes(order_id: int, service: BunkerService = Depends(bunker_service)) -> dict:
    try:
        count = await service.request_quotes(order_id)
    except OrderStateError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"quotes": count}


@router.post("/bunkers/orders/{order_id}/approve")
async def approve(order_id: int, supplier_id: int, service: BunkerService = Depends(bunker_service)) -> dict:
    try:
        await service.approve(order_id, supplier_id)
    except OrderStateError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"status": "approved"}


@router.post("/bunkers/orders/{order_id}/nominate")
async def nominate(order_id: int, supplier_id: int, service: BunkerService = Depends(bunker_service)) -> dict:
    try:
        await service.nominate(order_id, supplier_id)
    except OrderStateError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"status": "nominated"}


@router.post("/bunkers/orders/{order_id}/cancel")
async def cancel(order_id: int, service: BunkerService = Depends(bunker_service)) -> dict:
    try:
        await service.cancel(order_id)
    except OrderStateError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"status": "cancelled"}


@router.get("/bunkers/prices/{port_code}")
async def prices(port_code: str, grade: str | None = None, service: BunkerService = Depends(bunker_service)) -> dict:
    if grade:
        price = await service.best_price(port_code, grade)
        return {"port": port_code, "grade": grade, "usd_t": str(price) if price is not None else None}
    return {"port": port_code, "indicative": await service.indicative(port_code)}


@router.put("/bunkers/fx/{currency}")
async def set_fx(currency: str, rate: Decimal = Query(gt=0)) -> dict:
    update_fx(currency.upper(), rate)
    return {"currency": currency.upper(), "rate": str(rate)}


@router.post("/suppliers/{supplier_id}/reprice")
async def reprice(supplier_id: int, factor: Decimal = Query(gt=0, lt=2),
                  service: SupplierService = Depends(supplier_service)) -> dict:
    return {"changed": await service.reprice(supplier_id, factor)}


@router.post("/port-calls", status_code=201)
async def schedule_call(body: PortCallIn, service: PortCallService = Depends(portcall_service)) -> dict:
    try:
        call = await service.schedule(body)
    except UnknownPortError as exc:
        raise HTTPException(422, str(exc)) from exc
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"id": call.id, "agent_ref": call.agent_ref}


@router.get("/voyages/{voyage_id}/port-calls")
async def lineup(voyage_id: int, service: PortCallService = Depends(portcall_service)) -> list[dict]:
    return await service.lineup(voyage_id)


@router.get("/port-calls/{call_id}")
async def get_call(call_id: int, session: AsyncSession = Depends(get_session)):
    call = await PortCallRepository(session).get(call_id)
    if call is None:
        return JSONResponse({"error": "port call not found", "ok": False})
    return {"id": call.id, "port": call.port_code, "eta": call.eta, "etb": call.etb, "berth": call.berth}


@router.post("/port-calls/{first_id}/swap-berth/{second_id}")
async def swap(first_id: int, second_id: int, service: PortCallService = Depends(portcall_service)) -> dict:
    try:
        await service.swap_berths(first_id, second_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"swapped": [first_id, second_id]}
