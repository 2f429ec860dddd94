"""Device pairing over a websocket, and client secret rotation."""
import asyncio

from fastapi import APIRouter, Depends, WebSocket

from clinic.auth.deps import CLIENTS, api_client
from clinic.auth.hashing import hash_new_secret, matches_device_pin

router = APIRouter()
PINS: dict[str, str] = {}


class Pairing:
    async def confirm(self, device_id: str, pin: str) -> bool:
        stored = PINS.get(device_id, "")
        paired = matches_device_pin(pin, stored)  # expect: blocking-cpu-in-async
        return paired


@router.websocket("/pair/{device_id}")
async def pair(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept()
    pin = await websocket.receive_text()
    ok = await Pairing().confirm(device_id, pin)
    await websocket.send_json({"paired": ok})
    await websocket.close()


@router.post("/clients/{client_id}/secret")
async def rotate(client_id: str, secret: str, caller: str = Depends(api_client)) -> dict:
    loop = asyncio.get_running_loop()
    CLIENTS[client_id] = await loop.run_in_executor(None, hash_new_secret, secret)
    return {"rotated": client_id}
