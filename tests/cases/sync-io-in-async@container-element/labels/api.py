from fastapi import APIRouter

from .devices import Printer, Scale
from .stations import Stations

router = APIRouter()
stations = Stations({"A1": Printer("10.0.0.21")}, {"A1": Scale("10.0.0.31")})


@router.post("/stations/{station}/label")
async def print_label(station: str, zpl: str) -> dict[str, bool]:
    await stations.print_label(station, zpl)
    return {"printed": True}


@router.get("/stations/{station}/weight")
async def weight(station: str) -> dict[str, int]:
    return {"grams": await stations.weigh(station)}
