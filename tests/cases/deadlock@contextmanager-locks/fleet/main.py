"""Fleet API."""
from fastapi import FastAPI

from fleet.services.dispatch import Dispatcher
from fleet.services.vehicles import VehicleService

app = FastAPI()
dispatcher = Dispatcher()
vehicles = VehicleService()


@app.post("/depots/{depot}/assign")
async def assign(depot: str, vehicle_id: int, job: str) -> dict[str, bool]:
    await dispatcher.assign(depot, vehicle_id, job)
    return {"ok": True}


@app.post("/vehicles/{vehicle_id}/transfer")
async def transfer(vehicle_id: int, src: str, dst: str) -> dict[str, bool]:
    await dispatcher.transfer(src, dst, vehicle_id)
    return {"ok": True}


@app.post("/depots/{depot}/vehicles/{vehicle_id}/retire")
async def retire(depot: str, vehicle_id: int) -> dict[str, bool]:
    await vehicles.retire(depot, vehicle_id)
    return {"ok": True}
