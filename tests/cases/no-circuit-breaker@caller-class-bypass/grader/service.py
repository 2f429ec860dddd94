from __future__ import annotations

from grader.runner import RunnerClient


class GradingService:
    def __init__(self, runner: RunnerClient) -> None:
        self.runner = runner

    async def submit(self, entry: dict) -> str:
        return await self.runner.breaker.call(self.runner.submit, {"ref": entry["ref"]})

    async def poll(self, job_id: str) -> dict:
        return await self.runner.status(job_id)  # expect: no-circuit-breaker

    async def board(self, job_ids: list[str]) -> list[dict]:
        return await self.runner.breaker.call(self.runner.statuses, job_ids)
