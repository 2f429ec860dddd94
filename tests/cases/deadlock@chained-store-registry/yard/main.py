import asyncpg
from fastapi import FastAPI

from yard.locks import BlockLocks
from yard.services import Cranes, Planner

app = FastAPI()
_locks = BlockLocks()


@app.post("/blocks/{block_id}/commit")
async def commit(block_id: int, container_id: int) -> None:
    pool = await asyncpg.create_pool("postgresql://localhost/yard")
    cranes = Cranes(pool, _locks)
    await Planner(pool, _locks, cranes).commit(block_id, container_id)


@app.post("/blocks/{block_id}/transfer")
async def transfer(block_id: int, to_block: int, container_id: int) -> None:
    pool = await asyncpg.create_pool("postgresql://localhost/yard")
    cranes = Cranes(pool, _locks)
    await Planner(pool, _locks, cranes).transfer(block_id, to_block, container_id)
