from __future__ import annotations

from fastapi import FastAPI

from grader.runner import RunnerClient
from grader.service import GradingService

app = FastAPI()
grading = GradingService(RunnerClient("https://runner.internal"))


@app.post("/entries")
async def submit(entry: dict) -> dict:
    return {"job_id": await grading.submit(entry)}


@app.get("/jobs/{job_id}")
async def poll(job_id: str) -> dict:
    return await grading.poll(job_id)


@app.get("/board")
async def board(ids: str) -> list[dict]:
    return await grading.board(ids.split(","))
