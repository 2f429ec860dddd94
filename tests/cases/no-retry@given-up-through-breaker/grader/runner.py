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
        try:
            resp = await self._http.post("/v1/jobs", json=job)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise RunnerError(f"submit failed for {job['ref']}") from exc
        return resp.json()["id"]

    async def submit_urgent(self, job: dict) -> str:
        try:
            resp = await self._http.post("/v1/jobs/urgent", json=job)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise RunnerError(f"urgent submit failed for {job['ref']}") from exc
        return resp.json()["id"]
