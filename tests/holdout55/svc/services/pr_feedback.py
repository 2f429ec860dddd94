"""Summarises failed pull-request builds as a comment on the pull request."""
from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.githost import GitHostClient
from svc.config import get_settings
from svc.db.engine import SessionFactory
from svc.db.models import Build, Repo
from svc.repositories.jobs import JobRepository

logger = logging.getLogger(__name__)

TAIL_CHARS = 1500
MAX_FAILED_JOBS = 5


def _pr_number(ref: str) -> int | None:
    parts = ref.split("/")
    if len(parts) >= 3 and parts[1] == "pull" and parts[2].isdigit():
        return int(parts[2])
    return None


class PullRequestFeedback:
    def __init__(self, githost: GitHostClient) -> None:
        self._githost = githost
        self._base_url = get_settings().public_url

    async def _log_tails(self, session: AsyncSession, job_ids: list[int]) -> dict[int, str]:
        rows = await session.execute(
            text(
                "SELECT DISTINCT ON (job_id) job_id, body FROM job_log_chunks "
                "WHERE job_id = ANY(:ids) ORDER BY job_id, seq DESC"
            ),
            {"ids": job_ids},
        )
        return {job_id: body[-TAIL_CHARS:] for job_id, body in rows.all()}

    async def summarize(self, session: AsyncSession, build: Build, repo: Repo) -> str | None:
        jobs = await JobRepository(session).list_for_build(build.id)
        failed = [j for j in jobs if j.status == "failed"][:MAX_FAILED_JOBS]
        if not failed:
            return None
        tails = await self._log_tails(session, [j.id for j in failed])
        url = f"{self._base_url}/{repo.full_name}/builds/{build.number}"
        parts = [f"**Build [#{build.number}]({url}) failed** on `{build.commit_sha[:8]}`", ""]
        for job in failed:
            parts.append(f"<details><summary>{job.name} (exit {job.exit_code})</summary>\n")
            parts.append("```\n" + tails.get(job.id, "(no log output)") + "\n```\n</details>")
        return "\n".join(parts)

    async def post(self, build_id: int) -> None:
        async with SessionFactory() as session:
            build = await session.get(Build, build_id)
            if build is None or build.trigger != "pull_request":
                return
            number = _pr_number(build.ref)
            if number is None:
                logger.warning("build %s has pull_request trigger but ref %s", build_id, build.ref)
                return
            repo = await session.get(Repo, build.repo_id)
            body = await self.summarize(session, build, repo)
        if body is None:
            return
        await self._githost.post_pr_comment(repo.full_name, number, body)
