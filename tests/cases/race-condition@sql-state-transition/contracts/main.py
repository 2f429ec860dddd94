"""Contract signing API on asyncpg."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from contracts.repo import ContractRepository


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://db/contracts")
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


def repo(request: Request) -> ContractRepository:
    return ContractRepository(request.app.state.pool)


@app.post("/contracts/{contract_id}/sign")
async def sign(contract_id: int, request: Request) -> None:
    await repo(request).sign(contract_id)


@app.post("/contracts/{contract_id}/void")
async def void(contract_id: int, request: Request) -> None:
    await repo(request).void(contract_id)


@app.post("/contracts/{contract_id}/approve")
async def approve(contract_id: int, request: Request) -> None:
    await repo(request).approve(contract_id)


@app.post("/contracts/{contract_id}/archive")
async def archive(contract_id: int, request: Request) -> None:
    await repo(request).archive(contract_id)


@app.put("/contracts/{contract_id}/title")
async def retitle(contract_id: int, user_id: int, title: str, request: Request) -> None:
    await repo(request).retitle(contract_id, user_id, title)


@app.post("/contracts/{contract_id}/viewed")
async def viewed(contract_id: int, request: Request) -> None:
    await repo(request).mark_viewed(contract_id)


@app.post("/contracts/{contract_id}/send")
async def send(contract_id: int, request: Request) -> None:
    await repo(request).send(contract_id)
