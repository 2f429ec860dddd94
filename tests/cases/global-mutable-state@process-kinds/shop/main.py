"""Catalogue API: one FastAPI app, run with several uvicorn workers."""
from __future__ import annotations

import asyncio
import time

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import TypeAdapter

from contextlib import asynccontextmanager
from typing import Awaitable, Callable

from .rooms import ensure_room
from .schemas import Product
from .sweeper import Sweeper, last_sweep

_background: set[asyncio.Task] = set()


def spawn(factory: Callable[[], Awaitable[None]], name: str) -> None:
    task = asyncio.create_task(factory(), name=name)
    _background.add(task)
    task.add_done_callback(_background.discard)


@asynccontextmanager
async def lifespan(app: FastAPI):
    spawn(Sweeper().run, "sweeper")
    yield


app = FastAPI(lifespan=lifespan)

_ADAPTERS: dict[type, TypeAdapter] = {}
_VIEWS: dict[str, dict] = {}
_recent_lookups: dict[str, float] = {}  # expect: global-mutable-state
_cancel_events: dict[str, asyncio.Event] = {}  # expect: global-mutable-state


def cancel_event(export_id: str) -> asyncio.Event:
    """Looked up by the export stream and by the cancel request: another process has its own."""
    if export_id not in _cancel_events:
        _cancel_events[export_id] = asyncio.Event()
    return _cancel_events[export_id]


def adapter_for(model: type) -> TypeAdapter:
    """One validator per model class; any process builds the same one."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


async def catalogue_view(name: str) -> dict:
    try:
        return _VIEWS[name]
    except KeyError:
        pass
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get(f"https://registry.example/views/{name}.json")
    data = response.json()
    _VIEWS[name] = data
    return data


@app.get("/products/{sku}")
async def product(sku: str) -> Product:
    last = _recent_lookups.get(sku, 0.0)
    if time.time() - last < 0.1:
        raise HTTPException(429, "slow down")
    _recent_lookups[sku] = time.time()
    return adapter_for(Product).validate_python({"sku": sku, "name": sku.title()})


@app.get("/views/{name}")
async def view(name: str) -> dict:
    return await catalogue_view(name)


@app.post("/exports/{export_id}/cancel")
async def cancel_export(export_id: str) -> dict:
    cancel_event(export_id).set()
    return {"cancelled": True}


@app.post("/bookings/{booking_id}/room")
async def room(booking_id: int) -> dict:
    return {"room": await ensure_room(booking_id), "swept": str(last_sweep())}
