"""Reports build state back to the git host as commit statuses and check runs."""
from __future__ import annotations

import logging

import httpx

from svc.clients.githost import GitHostClient, GitHostError
from svc.config import get_settings
from svc.db.models import Build, Repo
from svc.utils.retry import CircuitOpenError, backoff_sleep, retry_async

logger = logging.getLogger(__name__)

STATE_MAP = {
    "pending": "pending",
    "running": "pending",
    "success": "success",
    "failed": "failure",
    "cancelled": "error",
    "error": "error",
}


class StatusReporter:
    def __init__(self, githost: GitHostClient) -> None:
        self._githost = githost
        self._settings = get_settings()

    def _target_url(self, repo: Repo, build: Build) -> str:
        return f"{self._settings.public_url}/{repo.full_name}/builds/{build.number}"

    @retry_async(attempts=4, retry_on=(GitHostError, httpx.TransportError))
    async def report(self, build: Build, repo: Repo, state: str) -> None:
        try:
            await self._githost.set_commit_status(
                repo.full_name,
                build.commit_sha,
                STATE_MAP.get(state, "error"),
                context="ci/pipeline",
                description=f"Build #{build.number} {state}",
                target_url=self._target_url(repo, build),
            )
        except CircuitOpenError:
            logger.warning("status for %s@%s skipped: git host circuit open", repo.full_name, build.commit_sha[:8])

    async def post_check_run(self, repo: Repo, build: Build, job_name: str, conclusion: str, summary: str) -> None:
        body = {
            "name": job_name,
            "head_sha": build.commit_sha,
            "status": "completed",
            "conclusion": conclusion,
            "output": {"title": job_name, "summary": summary[:60000]},
        }
        for attempt in range(3):
            async with httpx.AsyncClient(base_url=self._settings.githost_api, timeout=10) as client:
                resp = await client.post(
                    f"/repos/{repo.full_name}/check-runs",
                    json=body,
                    headers={"Authorization": f"Bearer {self._settings.githost_token}"},
                )
            if resp.status_code < 500:
                resp.raise_for_status()
                return
            logger.info("check-run post for %s got %s, attempt %d", job_name, resp.status_code, attempt + 1)
            backoff_sleep(attempt)
        logger.error("giving up on check-run for %s/%s", repo.full_name, job_name)
