"""Consent API."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from consent.provider import SignatureClient
from consent.service import ConsentService


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/consent", command_timeout=10)
    client = SignatureClient()
    app.state.consent = ConsentService(pool, client)
    yield
    await client.close()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/participants/{participant_id}/envelope")
async def send(participant_id: int, email: str, request: Request) -> dict[str, str]:
    service: ConsentService = request.app.state.consent
    return {"envelope": await service.send_envelope(participant_id, email), "token": await service.token()}
