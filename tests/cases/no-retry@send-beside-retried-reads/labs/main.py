from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from labs.identity import Identity
from labs.lab import LabClient
from labs.payer import Payer
from labs.valves import Valves


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.lab = LabClient("https://lab.example.com")
    app.state.idp = Identity("https://idp.example.com")
    app.state.valves = Valves("https://valves.example.com")
    app.state.payer = Payer("https://payer.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/orders/{order_id}")
async def order(order_id: int, request: Request) -> dict:
    sample = await request.app.state.lab.submit_order(order_id)
    return {"sample": sample, "result": await request.app.state.lab.fetch_result(sample)}


@app.get("/sso/callback")
async def callback(code: str, verifier: str, request: Request) -> dict:
    idp = request.app.state.idp
    config = await idp.discovery()
    return {"tokens": await idp.exchange_code(config["token_endpoint"], code, verifier)}


@app.post("/valves/{valve_id}")
async def command(valve_id: str, request: Request) -> dict:
    valves = request.app.state.valves
    await valves.open(valve_id)
    await valves.close(valve_id)
    return {"status": await valves.status(valve_id)}


@app.post("/claims/{ref}")
async def claim(ref: str, request: Request) -> dict:
    payer = request.app.state.payer
    return {"paid": await payer.adjudicate({"ref": ref}), "reversed": await payer.reverse(ref)}
