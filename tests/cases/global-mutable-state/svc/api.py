"""HTTP and websocket endpoints."""
import time

from fastapi import APIRouter, WebSocket

from svc import registry as reg
from svc.registry import HANDLERS, STATUS_LABELS

router = APIRouter()

_hits: dict[str, list[float]] = {}  # expect: global-mutable-state
_ROUTES = {"orders": "/orders", "users": "/users"}
_warm: list[str] = []


def warm_up() -> None:
    _warm.append("done")


@router.get("/labels")
async def labels() -> dict:
    return {"labels": STATUS_LABELS, "routes": _ROUTES, "handlers": sorted(HANDLERS)}


@router.post("/hit/{key}")
async def hit(key: str) -> dict:
    now = time.monotonic()
    recent = [t for t in _hits.get(key, []) if now - t < 60]
    recent.append(now)
    _hits[key] = recent
    return {"count": len(recent)}


@router.websocket("/ws/{key}")
async def socket(websocket: WebSocket, key: str) -> None:
    await websocket.accept()
    reg.registry.add(key, websocket)
