"""Build result notifications to Slack and email."""
from __future__ import annotations

import asyncio
import logging

from svc.clients.mailer import Mailer
from svc.clients.slack import SlackNotifier
from svc.config import get_settings
from svc.db.models import Build, Org, Repo

logger = logging.getLogger(__name__)

_muted_channels: set[str] = set()

EMOJI = {"success": ":white_check_mark:", "failed": ":x:", "cancelled": ":no_entry_sign:", "error": ":warning:"}


def mute_channel(channel: str) -> None:
    _muted_channels.add(channel)


def unmute_channel(channel: str) -> None:
    _muted_channels.discard(channel)


class Notifier:
    def __init__(self, slack: SlackNotifier, mailer: Mailer) -> None:
        self._slack = slack
        self._mailer = mailer
        self._base_url = get_settings().public_url

    def _build_url(self, repo: Repo, build: Build) -> str:
        return f"{self._base_url}/{repo.full_name}/builds/{build.number}"

    async def _slack(self, org: Org, repo: Repo, build: Build) -> None:
        if not org.slack_channel or org.slack_channel in _muted_channels:
            return
        text = f"{EMOJI.get(build.status, '')} {repo.full_name} #{build.number} {build.status} ({build.ref})"
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": f"<{self._build_url(repo, build)}|{text}>"}}]
        await self._slack.post(org.slack_channel, text, blocks)

    async def _email(self, org: Org, repo: Repo, build: Build) -> None:
        if not org.notify_email or build.status == "success":
            return
        details = json.dumps({"build": build.number, "sha": build.commit_sha, "ref": build.ref}, indent=2)
        await self._mailer.send(
            org.notify_email,
            f"[CI] {repo.full_name} #{build.number} {build.status}",
            f"{self._build_url(repo, build)}\n\n{details}",
        )

    async def notify_build_finished(self, org: Org, repo: Repo, build: Build) -> None:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._slack(org, repo, build))
                tg.create_task(self._email(org, repo, build))
        except* Exception as group:
            for exc in group.exceptions:
                logger.warning("notification for build %s failed: %r", build.id, exc)
