from fastapi import FastAPI, HTTPException, WebSocket

from dispatch.deps import hub, offers, routes
from dispatch.offers import DriverSocket

app = FastAPI()


@app.post("/rides/{ride_id}/offers/{driver_id}")
async def make_offer(ride_id: int, driver_id: int) -> dict[str, float]:
    return {"expires_at": offers.offer(ride_id, driver_id).expires_at}


@app.post("/drivers/{driver_id}/offers/{ride_id}/accept")
async def accept(driver_id: int, ride_id: int) -> dict[str, bool]:
    if not offers.accept(driver_id, ride_id):
        raise HTTPException(409, "offer expired")
    return {"accepted": True}


@app.get("/eta/{key}")
async def eta(key: str) -> dict[str, float]:
    cached = routes.get(key)
    if cached is None:
        cached = 300.0
        routes.put(key, cached)
    return {"eta": cached}


@app.websocket("/drivers/{driver_id}/ws")
async def driver_socket(websocket: WebSocket, driver_id: int) -> None:
    await websocket.accept()
    hub.attach(DriverSocket(driver_id, websocket))
    try:
        async for _message in websocket.iter_text():
            pass
    finally:
        hub.detach(driver_id)
