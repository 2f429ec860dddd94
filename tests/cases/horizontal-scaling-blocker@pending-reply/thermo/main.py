"""Thermostat API."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from thermo.dispatch import CommandDispatcher, RpcClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    bridge = httpx.AsyncClient(base_url="https://bridge.internal", timeout=5)
    app.state.dispatcher = CommandDispatcher(bridge)
    app.state.rpc = RpcClient("wss://pricing.internal")
    app.state.rpc.start()
    yield
    await bridge.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/devices/{device_id}/setpoint")
async def setpoint(request: Request, device_id: str, correlation_id: str, celsius: float) -> dict:
    dispatcher: CommandDispatcher = request.app.state.dispatcher
    ack = await dispatcher.send_and_wait(device_id, correlation_id, {"celsius": celsius})
    return {"status": "pending" if ack is None else "applied"}


@app.post("/bridge/acks")
async def command_ack(request: Request, ack: dict) -> dict:
    dispatcher: CommandDispatcher = request.app.state.dispatcher
    return {"applied": await dispatcher.handle_ack(ack)}


@app.get("/prices/{zone}")
async def price(request: Request, zone: str) -> dict:
    rpc: RpcClient = request.app.state.rpc
    return await rpc.call("price", {"zone": zone})
