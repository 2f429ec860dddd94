from __future__ import annotations

import asyncio
from collections import defaultdict
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, WebSocket

from pipelines.buffers import BoundedLogBuffer, JobEvents, JobLogBuffer, RoomSockets, StageReport, StepTimings

_audit_trail: dict[int, list[str]] = defaultdict(list)


async def relay(state) -> None:
    while True:
        await asyncio.sleep(1)
        state.logs.append("job-1", "tick")
        state.bounded.append("job-1", "tick")
        state.timings.record("align", 12.5)
        state.events.add("job-1", {"kind": "tick"})


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.logs = JobLogBuffer()
    app.state.bounded = BoundedLogBuffer()
    app.state.timings = StepTimings()
    app.state.events = JobEvents()
    app.state.rooms = RoomSockets()
    task = asyncio.create_task(relay(app.state))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/jobs/{job_id}/log")
async def job_log(job_id: str, request: Request) -> dict:
    state = request.app.state
    return {"lines": state.logs.tail(job_id), "bounded": state.bounded.tail(job_id),
            "p50": state.timings.p50("align")}


@app.post("/jobs/{job_id}/finish")
async def finish_job(job_id: str, request: Request, user_id: int) -> dict:
    _audit_trail[user_id].append(f"finished {job_id}")  # expect: unbounded-cache
    return {"events": request.app.state.events.finish(job_id)}


@app.get("/jobs/{job_id}/report")
async def report(job_id: str, request: Request) -> dict:
    built = StageReport()
    for line in request.app.state.logs.tail(job_id):
        built.add(line.split(":", 1)[0], line)
    return built.render()


@app.websocket("/jobs/{job_id}/watch")
async def watch(websocket: WebSocket, job_id: str) -> None:
    await websocket.accept()
    websocket.app.state.rooms.join(job_id, websocket)
    await websocket.app.state.rooms.send(job_id, {"joined": True})
