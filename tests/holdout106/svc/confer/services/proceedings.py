from __future__ import annotations

import asyncio
import copy
import logging

from ..clients.storage import ObjectStorage
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository

log = logging.getLogger(__name__)

_DOWNLOAD_CONCURRENCY = 6


class ProceedingsService:
    def __init__(self, subs: SubmissionRepository, users: UserRepository, storage: ObjectStorage) -> None:
        self.subs = subs
        self.users = users
        self.storage = storage

    async def entries(self, conference_id: int) -> list[dict]:
        papers = await self.subs.accepted_for_conference(conference_id)
        authors = await self.users.authors_for_many([p["id"] for p in papers])
        return [
            {
                "id": p["id"],
                "track_id": p["track_id"],
                "number": p["number"],
                "title": p["title"],
                "authors": [a.display_name for a in authors.get(p["id"], [])],
                "key": p["camera_ready_key"],
            }
            for p in papers
        ]

    async def with_pdfs(self, conference_id: int) -> list[dict]:
        entries = [e for e in await self.entries(conference_id) if e["key"]]
        sem = asyncio.Semaphore(_DOWNLOAD_CONCURRENCY)

        async def fetch(entry: dict) -> None:
            async with sem:
                entry["pdf"] = await self.storage.get_object(entry["key"])

        await asyncio.gather(*(fetch(e) for e in entries))
        return entries

    @staticmethod
    def table_of_contents(entries: list[dict]) -> list[dict]:
        snapshot = copy.deepcopy(entries)
        snapshot.sort(key=lambda e: (e["track_id"], e["number"]))
        page = 1
        toc = []
        for e in snapshot:
            toc.append({"title": e["title"], "authors": ", ".join(e["authors"]), "page": page})
            page += max(1, len(e.get("pdf", b"")) // 60_000)
        return toc
