import asyncpg
from fastapi import Depends, FastAPI, Request

from rota.repo import TaskRepository
from rota.service import RotaService

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    app.state.pool = await asyncpg.create_pool("postgresql://rota@db/rota")


def get_service(request: Request) -> RotaService:
    return RotaService(TaskRepository(request.app.state.pool))


@app.post("/tasks/{task_id}/claim")
async def claim(task_id: int, staff_id: int, service: RotaService = Depends(get_service)) -> dict[str, str]:
    await service.claim(task_id, staff_id)
    return {"status": "claimed"}


@app.post("/tasks/{task_id}/claim-atomic")
async def claim_atomic(task_id: int, staff_id: int, service: RotaService = Depends(get_service)) -> dict[str, str]:
    await service.claim_atomic(task_id, staff_id)
    return {"status": "claimed"}


@app.put("/tasks/{task_id}/notes")
async def annotate(task_id: int, notes: str, service: RotaService = Depends(get_service)) -> dict[str, str]:
    await service.annotate(task_id, notes)
    return {"status": "saved"}
