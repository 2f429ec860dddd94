from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from pushq import db, jobs


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await db.open_pool("postgresql://push@db/push")
    app.state.jobs = jobs.JobRepository(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/jobs/{job_id}/retry")
async def retry(job_id: int, request: Request) -> dict:
    await request.app.state.jobs.reschedule(job_id, "manual retry")
    return {"attempts": await jobs.attempts_of(job_id), "error": await jobs.last_error_of(job_id)}


@app.post("/jobs/{job_id}/fail")
async def fail(job_id: int, request: Request) -> dict:
    await request.app.state.jobs.fail(job_id, "cancelled by operator")
    return {"nodes": await request.app.state.jobs.pending_nodes(job_id)}
