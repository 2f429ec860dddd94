from __future__ import annotations

import httpx

from grader.breaker import CircuitBreaker


class RunnerError(Exception):
    pass


class RunnerClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))
        self.breaker = CircuitBreaker("runner")

    async def submit(self, job: dict) -> str:
        resp = await self._http.post("/v1/jobs", json=job)
        resp.raise_for_status()
        return resp.json()["id"]

    async def status(self, job_id: str) -> dict:
        resp = await self._http.get(f"/v1/jobs/{job_id}")
        resp.raise_for_status()
        return resp.json()

    async def statuses(self, job_ids: list[str]) -> list[dict]:
        resp = await self._http.post("/v1/jobs:batchGet", json={"ids": job_ids})
        resp.raise_for_status()
        return resp.json()["jobs"]
