"""Export endpoints streaming rows through nested generators."""
import json

from fastapi import Depends, FastAPI, Request
from fastapi.responses import StreamingResponse

from app.repository import Readings, header_lines, lookup, to_payload

app = FastAPI()


def get_readings(request: Request) -> Readings:
    return request.app.state.readings


@app.get("/devices/{device_id}/export")
async def export(device_id: int, readings: Readings = Depends(get_readings)) -> StreamingResponse:
    async def lines():
        async for row in readings.all_rows(device_id):  # expect: unawaited-coroutine
            yield json.dumps(await to_payload(dict(row))) + "\n"  # expect: unawaited-coroutine

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@app.get("/devices/{device_id}/stream")
async def stream(device_id: int, readings: Readings = Depends(get_readings)) -> StreamingResponse:
    async def lines():
        async for header in header_lines(["ts", "value"]):  # expect: unawaited-coroutine
            yield header
        async for row in readings.stream(device_id):
            yield json.dumps(to_payload(dict(row))) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@app.get("/devices/{device_id}/rows")
async def rows(device_id: int, readings: Readings = Depends(get_readings)) -> list[dict]:
    found = [to_payload(dict(row)) for row in await readings.all_rows(device_id)]
    pending = {"unit": _unit("C")}
    unit = await lookup(pending, "unit")  # `-> Any`: the value may well be awaitable
    for header in header_lines(["ts", "value"]):
        found.insert(0, {"header": header, "unit": unit})
    return found


async def _unit(value) -> str:
    return str(value)
