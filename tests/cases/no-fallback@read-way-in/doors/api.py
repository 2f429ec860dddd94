from fastapi import FastAPI

from doors.clients import BadgeGateway, ControllerClient, GrantsClient
from doors.services import BillingService, DoorService

app = FastAPI()
doors = DoorService(ControllerClient("https://controllers.example.com"), {})
billing = BillingService(GrantsClient("https://grants.example.com"))
badges = BadgeGateway("https://badges.example.com")


@app.post("/doors/{door_id}/unlock")
async def unlock(door_id: int) -> dict:
    await doors.unlock({"id": door_id, "serial": "S1", "channel": 1, "transport": "http"})
    return {"ok": True}


@app.get("/doors/{door_id}/status")
async def door_status(door_id: int) -> dict:
    return await doors.status({"id": door_id, "serial": "S1", "channel": 1, "transport": "http"})


@app.post("/billing/journals/{reference}")
async def post_journal(reference: str, lines: list[dict]) -> dict:
    return {"journal": await billing.post(reference, lines)}


@app.get("/billing/grants/{code}")
async def grant(code: str) -> dict:
    return await billing.summary(code)


@app.get("/readers/{reader}/live")
async def reader_live(reader: str) -> dict:
    status = await badges.live_status(reader)  # expect: no-fallback
    return {"reader": reader, "live": status}


@app.put("/readers/{reader}/config")
async def reader_config(reader: str, config: dict) -> dict:
    await badges.push_config(reader, config)
    return {"ok": True}
