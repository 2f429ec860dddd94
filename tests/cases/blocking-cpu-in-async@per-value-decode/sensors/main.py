import asyncio

from fastapi import FastAPI, Request

from sensors.analysis import histogram, zero_crossings
from sensors.decoding import chunk_sizes, header, rms_level

app = FastAPI()


@app.post("/devices/{device_id}/recordings")
async def upload(device_id: str, request: Request) -> dict:
    blob = await request.body()
    version, rate = header(blob)
    return {"version": version, "rate": rate, "chunks": chunk_sizes(blob), "rms": rms_level(blob),  # expect: blocking-cpu-in-async
            "bins": histogram(blob)}


@app.post("/devices/{device_id}/crossings")
async def crossings(device_id: str, request: Request) -> dict:
    blob = await request.body()
    return {"crossings": zero_crossings(blob)}  # expect: blocking-cpu-in-async


@app.post("/devices/{device_id}/crossings-offloaded")
async def crossings_offloaded(device_id: str, request: Request) -> dict:
    blob = await request.body()
    return {"crossings": await asyncio.to_thread(zero_crossings, blob, 4)}
