"""HTTP reads: driver and trip records need a signed-in user; race scores are public."""
from fastapi import APIRouter, Depends

from ..auth import current_user

router = APIRouter()


@router.get("/drivers/{driver_id}")
async def driver_record(driver_id: int, user: str = Depends(current_user)) -> dict:
    return {"id": driver_id, "viewer": user}


@router.get("/trips/{trip_id}")
async def trip_record(trip_id: int, user: str = Depends(current_user)) -> dict:
    return {"id": trip_id, "viewer": user}


@router.get("/races/{race_id}/scores")
async def race_scores(race_id: int) -> dict:
    return {"race": race_id, "scores": []}
