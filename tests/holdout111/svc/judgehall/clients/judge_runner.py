from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from judgehall.clients.resilience import CircuitBreaker, transient_retry
from judgehall.errors import JudgeRunnerError
from judgehall.models import Verdict

log = logging.getLogger(__name__)


@dataclass(slots=True)
class JobStatus:
    job_id: str
    state: str
    verdict: Verdict | None = None
    failed_test: int | None = None
    time_ms: int | None = None
    memory_kb: int | None = None
    tests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "error")


@dataclass(slots=True)
class JobRequest:
    submission_id: int
    language: str
    source_url: str
    problem_id: int
    tests_version: int
    time_limit_ms: int
    memory_limit_mb: int
    checker: str
    tests: list[dict[str, Any]]
    callback_url: str | None = None


def parse_verdict(raw: dict[str, Any]) -> Verdict | None:
    value = raw.get("verdict")
    if value is None:
        return None
    try:
        return Verdict(value)
    except:
        return Verdict.SYSTEM_ERROR


def _status_from_payload(payload: dict[str, Any]) -> JobStatus:
    return JobStatus(
        job_id=payload["id"],
        state=payload["state"],
        verdict=parse_verdict(payload),
        failed_test=payload.get("failed_test"),
        time_ms=payload.get("time_ms"),
        memory_kb=payload.get("memory_kb"),
        tests=payload.get("tests", []),
    )


class JudgeRunnerClient:
    def __init__(self, base_url: str, token: str, timeout: float = 10.0) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(timeout, connect=3.0),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )
        self.breaker = CircuitBreaker("judge-runner", failure_threshold=8, reset_after=20.0)

    async def submit_job(self, job: JobRequest) -> str:
        try:
            resp = await self._http.post("/v1/jobs", json=_job_body(job))
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise JudgeRunnerError(f"submit failed for submission {job.submission_id}") from exc
        return resp.json()["id"]

    async def get_status(self, job_id: str) -> JobStatus:
        resp = await self._http.get(f"/v1/jobs/{job_id}")
        if resp.status_code == 404:
            raise JudgeRunnerError(f"unknown job {job_id}")
        resp.raise_for_status()
        return _status_from_payload(resp.json())

    async def get_status_many(self, job_ids: list[str]) -> list[JobStatus]:
        resp = await self._http.post("/v1/jobs:batchGet", json={"ids": job_ids})
        resp.raise_for_status()
        return [_status_from_payload(p) for p in resp.json()["jobs"]]

    @transient_retry
    async def cancel(self, job_id: str) -> None:
        resp = await self._http.delete(f"/v1/jobs/{job_id}")
        if resp.status_code not in (200, 202, 404):
            resp.raise_for_status()

    @transient_retry
    async def languages(self) -> list[dict[str, Any]]:
        resp = await self._http.get("/v1/languages")
        resp.raise_for_status()
        return resp.json()["languages"]

    @transient_retry
    async def raw_get(self, path: str) -> dict[str, Any]:
        resp = await self._http.get(path)
        resp.raise_for_status()
        return resp.json()

    async def ping(self) -> bool:
        resp = await self._http.get("/healthz", timeout=2.0)
        return resp.status_code == 200

    async def aclose(self) -> None:
        await self._http.aclose()


def _job_body(job: JobRequest) -> dict[str, Any]:
    return {
        "external_id": str(job.submission_id),
        "language": job.language,
        "source_url": job.source_url,
        "problem": {
            "id": job.problem_id,
            "version": job.tests_version,
            "time_limit_ms": job.time_limit_ms,
            "memory_limit_mb": job.memory_limit_mb,
            "checker": job.checker,
        },
        "tests": job.tests,
        "callback_url": job.callback_url,
    }


@dataclass(slots=True)
class RunnerHost:
    name: str
    busy_slots: int
    total_slots: int
    version: str

    @property
    def utilization(self) -> float:
        return self.busy_slots / self.total_slots if self.total_slots else 1.0


async def list_hosts(client: JudgeRunnerClient) -> list[RunnerHost]:
    payload = await client.raw_get("/v1/hosts")
    return [
        RunnerHost(name=h["name"], busy_slots=h["busy"], total_slots=h["slots"], version=h.get("version", "?"))
        for h in payload.get("hosts", [])
    ]
