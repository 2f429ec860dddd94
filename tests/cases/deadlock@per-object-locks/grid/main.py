from fastapi import FastAPI

from grid.events import EventHandler
from grid.planner import Planner
from grid.settle import Settler
from grid.state import Zone

app = FastAPI()
zones = {1: Zone(1, 22.0), 2: Zone(2, 11.0)}
planner = Planner()
handler = EventHandler(planner)


@app.post("/zones/{zone_id}/replan")
async def replan(zone_id: int) -> None:
    await planner.replan(zones[zone_id])


@app.post("/zones/{zone_id}/consumers/{consumer}/stop")
async def stop(zone_id: int, consumer: int) -> None:
    await handler.on_stop(zones[zone_id], consumer)


@app.post("/zones/{zone_id}/consumers/{consumer}/start")
async def start(zone_id: int, consumer: int, kw: float) -> None:
    await handler.on_start(zones[zone_id], consumer, kw)


@app.get("/zones/same")
async def same() -> bool:
    return await handler.compare(zones[1], zones[2])


@app.get("/zones/{zone_id}")
async def snapshot(zone_id: int) -> dict[int, float]:
    return await planner.snapshot(zones[zone_id])


settler = Settler()


@app.post("/invoices/{invoice_id}/settle")
async def settle(invoice_id: int) -> bool:
    return await settler.settle(invoice_id) and await settler.settle_claimed(invoice_id)
