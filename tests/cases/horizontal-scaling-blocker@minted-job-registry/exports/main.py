from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException

from exports.service import DurableExports, ExportService


class Repo:
    async def insert_job(self, job_id: str, fmt: str) -> None:
        return None

    async def job(self, job_id: str) -> Any:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.exports = ExportService(Repo())
    app.state.durable = DurableExports(Repo())
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/exports")
async def start_export(fmt: str) -> dict:
    job = app.state.exports.start(fmt)
    return {"job_id": job.job_id}


@app.get("/exports/{job_id}")
async def export_status(job_id: str) -> dict:
    job = app.state.exports.status(job_id)
    if job is None:
        raise HTTPException(404)
    return {"status": job.status}


@app.post("/formats/{name}")
async def add_format(name: str, mime: str) -> dict:
    return {"mime": app.state.exports.register_format(name, mime)}


@app.get("/formats/{name}")
async def get_format(name: str) -> dict:
    return {"mime": app.state.exports.mime_of(name)}


@app.post("/durable-exports")
async def start_durable(fmt: str) -> dict:
    return {"job_id": await app.state.durable.start(fmt)}


@app.get("/durable-exports/{job_id}")
async def durable_status(job_id: str) -> dict:
    return {"job": await app.state.durable.status(job_id)}
