from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status

from ..container import Container
from ..deps import get_container, require_role
from ..hl7.mapping import load_facility_map
from ..middleware.auth import BoardUser
from ..repositories.patients import PatientRepository
from ..repositories.wards import WardRepository

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/facility-map/reload")
async def reload_facility_map(
    user: BoardUser = Depends(require_role("admin")),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    rows = await WardRepository(container.pool).facility_locations()
    load_facility_map(rows)
    logger.info("facility map reloaded by %s (%d locations)", user.user_id, len(rows))
    return {"locations": len(rows)}


@router.get("/patients/search")
async def search_patients(
    q: str,
    user: BoardUser = Depends(require_role("admin", "bed_manager")),
    container: Container = Depends(get_container),
) -> list[dict]:
    if len(q) < 2:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "query too short")
    results = await PatientRepository(container.pool).search(q)
    return [{"id": p.id, "mrn": p.mrn, "name": p.display_name} for p in results]


@router.post("/wards/{ward_code}/predictions/refresh")
async def refresh_predictions(
    ward_code: str,
    user: BoardUser = Depends(require_role("admin", "bed_manager")),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    ward = await WardRepository(container.pool).get_ward(ward_code)
    if ward is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown ward")
    async with container.pool.acquire(timeout=5) as conn:
        rows = await conn.fetch(
            "SELECT p.id, p.mrn, p.display_name, p.isolation_code FROM beds b JOIN patients p ON p.id = b.patient_id "
            "WHERE b.ward_id = $1 AND b.state = 'occupied'",
            ward.id,
        )
    patients = await PatientRepository(container.pool).get_many([r["id"] for r in rows])
    count = await container.predictions.refresh_all({ward.code: list(patients.values())})
    return {"scored": count}


@router.post("/handhelds/{housekeeper_id}/pin", status_code=204)
async def set_pin(
    housekeeper_id: str,
    pin: str,
    user: BoardUser = Depends(require_role("admin")),
    container: Container = Depends(get_container),
) -> None:
    await container.device_auth.set_pin(housekeeper_id, pin)
    logger.info("PIN reset for handheld user %s by %s", housekeeper_id, user.user_id)
