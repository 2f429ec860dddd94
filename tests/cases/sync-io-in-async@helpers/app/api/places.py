"""Places: a reverse lookup in a coroutine, a search in a sync endpoint."""
from fastapi import APIRouter

from app.clients import geocoder

router = APIRouter(prefix="/places")


def _describe(latitude: float, longitude: float) -> str:
    address = geocoder.reverse(latitude, longitude)
    return address.get("city", "unknown")


@router.get("/here")
async def here(latitude: float, longitude: float) -> dict:
    return {"city": _describe(latitude, longitude)}


@router.get("/search")
def search(q: str) -> list[dict]:
    return geocoder.search(q)
