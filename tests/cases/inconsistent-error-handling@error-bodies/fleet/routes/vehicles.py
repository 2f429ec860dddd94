from fastapi import APIRouter, status
from fastapi.responses import JSONResponse

from fleet.repo import NoSlot, NotFound, Repo

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


@router.post("/{vehicle_id}/service")
async def book_service(vehicle_id: int):
    try:
        slot = await repo.book(vehicle_id)
    except NoSlot as exc:
        return JSONResponse(content={"booked": False, "error": str(exc)}, status_code=status.HTTP_200_OK)  # expect: inconsistent-error-handling
    return JSONResponse({"booked": True, "slot": slot})


@router.post("/{vehicle_id}/inspect")
async def inspect_vehicle(vehicle_id: int):
    # look-alike: a 200 answer that reports an outcome, no error text
    passed = await repo.inspect(vehicle_id)
    return JSONResponse({"passed": passed, "reason": "brakes"}, status_code=200)
