from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff
from lifeline.errors import NotFound
from lifeline.repositories.units import ComponentRepository, UnitRepository
from lifeline.schemas import TestPanelIn, UnitIn
from lifeline.services.container import Container

router = APIRouter(prefix="/units", tags=["units"], dependencies=[Depends(require_staff)])


@router.post("", status_code=201)
async def receive_unit(
    body: UnitIn, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    return {"id": await container.processing.receive(UnitRepository(session), body)}


@router.post("/{unit_id}/tests")
async def record_tests(
    unit_id: int,
    body: TestPanelIn,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    staff: str = Depends(require_staff),
) -> dict:
    status = await container.processing.record_tests(UnitRepository(session), unit_id, body, staff)
    return {"status": status}


@router.post("/{unit_id}/components")
async def separate_unit(
    unit_id: int, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    ids = await container.processing.separate(UnitRepository(session), ComponentRepository(session), unit_id)
    return {"components": ids}


@router.post("/components/{component_id}/label")
async def reprint_label(
    component_id: int, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    component = await ComponentRepository(session).get(component_id)
    if component is None:
        raise NotFound("component not found")
    unit = await UnitRepository(session).get(component.unit_id)
    if unit is None:
        raise NotFound("unit not found")
    await container.processing.reprint(unit, component)
    return {"printed": True}


@router.post("/lots/{lot_number}/recall")
async def recall_lot(
    lot_number: str, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    quarantined = await container.recalls.quarantine_lot(session, lot_number)
    async with container.pool.acquire(timeout=5) as conn:
        await conn.execute(
            "INSERT INTO recall_notices (lot_number, hospital_id) "
            "SELECT DISTINCT $1, o.hospital_id FROM components c JOIN orders o ON o.id = c.order_id "
            "JOIN units u ON u.id = c.unit_id WHERE u.lot_number = $1",
            lot_number,
        )
    return {"quarantined": quarantined}
