from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from string import Template

from ..clients.mailer import Mailer
from ..core.settings import Settings
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository

log = logging.getLogger(__name__)

DECISIONS = ("accept", "reject")


class DecisionService:
    def __init__(self, subs: SubmissionRepository, users: UserRepository, mailer: Mailer, settings: Settings) -> None:
        self.subs = subs
        self.users = users
        self.mailer = mailer
        self.template_dir = Path(settings.template_dir)

    async def record(self, decisions: dict[int, str]) -> None:
        bad = {sid: d for sid, d in decisions.items() if d not in DECISIONS}
        if bad:
            raise ValueError(f"invalid decisions: {bad}")
        await self.subs.set_decisions(list(decisions.items()))

    async def release(self, track_id: int, track_name: str) -> int:
        papers = [p for p in await self.subs.list_for_track(track_id) if p["decision"] in DECISIONS]
        sent = 0
        for paper in papers:
            authors = await self.users.authors_for(paper["id"])
            template = Template((self.template_dir / f"{paper['decision']}.txt").read_text())
            for author in authors:
                body = template.safe_substitute(name=author.display_name, title=paper["title"], track=track_name)
                await self.mailer.send(author.email, f"Decision on submission #{paper['number']}", body, tag="decision")
                sent += 1
        log.info("released %d decision emails for track %s", sent, track_id)
        return sent

    async def _templates(self) -> dict[str, Template]:
        out = {}
        for decision in DECISIONS:
            text = await asyncio.to_thread((self.template_dir / f"{decision}.txt").read_text)
            out[decision] = Template(text)
        return out

    async def preview(self, track_id: int, track_name: str) -> list[dict]:
        papers = [p for p in await self.subs.list_for_track(track_id) if p["decision"] in DECISIONS]
        templates = await self._templates()
        authors = await self.users.authors_for_many([p["id"] for p in papers])
        previews = []
        for paper in papers:
            for author in authors.get(paper["id"], []):
                previews.append({
                    "to": author.email,
                    "body": templates[paper["decision"]].safe_substitute(
                        name=author.display_name, title=paper["title"], track=track_name
                    ),
                })
        return previews
