"""HTTP entry points."""
import asyncpg
from fastapi import FastAPI

from .service import EnrolmentService

app = FastAPI()
service = EnrolmentService(asyncpg.create_pool("postgresql://db/trials"))


@app.post("/sites/{site_id}/participants/{participant_id}/enrol")
async def enrol(site_id: int, participant_id: int) -> None:
    await service.enrol(participant_id, site_id)


@app.post("/sites/{site_id}/participants/{participant_id}/visit")
async def visit(site_id: int, participant_id: int) -> None:
    await service.visit(participant_id, site_id)


@app.post("/sites/{site_id}/participants/{participant_id}/enrol-locked")
async def enrol_locked(site_id: int, participant_id: int) -> None:
    await service.enrol_locked(participant_id, site_id)
