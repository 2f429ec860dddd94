from fastapi import APIRouter
from fastapi.responses import JSONResponse

from fleet.repo import NotFound, Repo

router = APIRouter(prefix="/vehicles")
repo = Repo()


@router.get("/{vehicle_id}")
async def get_vehicle(vehicle_id: int):
    try:
        return await repo.get(vehicle_id)
    except NotFound:
        return JSONResponse({"message": "no such vehicle"}, status_code=404)  # expect: inconsistent-error-handling


@router.delete("/{vehicle_id}")
async def retire_vehicle(vehicle_id: int):
    try:
        await repo.get(vehicle_id)
    except NotFound:
        # look-alike: the same `detail` body an HTTPException produces
        return JSONResponse({"detail": "no such vehicle"}, status_code=404)
    return JSONResponse({"retired": vehicle_id}, status_code=200)
