"""Assigning cleaning tasks to staff."""
from fastapi import HTTPException

from rota.repo import TaskRepository


class RotaService:
    def __init__(self, repo: TaskRepository) -> None:
        self._repo = repo

    async def claim(self, task_id: int, staff_id: int) -> None:
        task = await self._repo.get(task_id)
        if task["assigned_to"] is not None:  # expect: race-condition
            raise HTTPException(status_code=409, detail="task already assigned")
        await self._repo.set_assignee(task_id, staff_id)

    async def claim_atomic(self, task_id: int, staff_id: int) -> None:
        if not await self._repo.claim_if_free(task_id, staff_id):
            raise HTTPException(status_code=409, detail="task already assigned")

    async def annotate(self, task_id: int, notes: str) -> None:
        task = await self._repo.get(task_id)
        if task["closed_at"] is not None:
            raise HTTPException(status_code=409, detail="task is closed")
        await self._repo.set_notes(task_id, notes)
