from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import asyncpg
import redis.asyncio as aioredis

from ..clients.plagiarism import PlagiarismClient
from ..core.errors import DeadlinePassed, Forbidden, NotFound
from ..models import User
from ..repositories.conferences import ConferenceRepository
from ..repositories.submissions import SubmissionRepository

log = logging.getLogger(__name__)

_VISIBLE_TTL = 30
_ACCEPTED_TTL = 300


def _row(rec: asyncpg.Record) -> dict:
    return {
        "id": rec["id"], "number": rec["number"], "title": rec["title"], "status": rec["status"],
        "track_id": rec["track_id"], "decision": rec["decision"],
    }


class SubmissionService:
    def __init__(
        self,
        repo: SubmissionRepository,
        conferences: ConferenceRepository,
        plagiarism: PlagiarismClient,
        redis: aioredis.Redis,
    ) -> None:
        self.repo = repo
        self.conferences = conferences
        self.plagiarism = plagiarism
        self.redis = redis

    async def create(self, track_id: int, user: User, title: str, abstract: str) -> dict:
        track = await self.conferences.get_track(track_id)
        if track is None:
            raise NotFound("track")
        if datetime.now(timezone.utc) > track.submission_deadline:
            raise DeadlinePassed("submission deadline has passed")
        rec = await self.repo.create(track_id, user.id, title.strip(), abstract.strip())
        return _row(rec)

    async def get_owned(self, submission_id: int, user: User) -> asyncpg.Record:
        rec = await self.repo.get(submission_id)
        if rec is None:
            raise NotFound("submission")
        if rec["submitter_id"] != user.id and user.role != "pc_chair":
            raise Forbidden("not your submission")
        return rec

    async def screen(self, submission_id: int, first_page_text: str) -> float:
        score = await self.plagiarism.quick_score(first_page_text)
        if score > 0.6:
            log.warning("submission %s flagged by quick screen (%.2f)", submission_id, score)
        return score

    async def visible_to(self, track_id: int, user: User) -> list[dict]:
        cache_key = f"subs:visible:{track_id}"
        cached = await self.redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self.repo.list_for_track(track_id)
        if user.role != "pc_chair":
            rows = [r for r in rows if r["submitter_id"] == user.id or user.role == "reviewer"]
        data = [_row(r) for r in rows]
        await self.redis.set(cache_key, json.dumps(data), ex=_VISIBLE_TTL)
        return data

    async def accepted(self, conference_id: int) -> list[dict]:
        key = f"accepted:{conference_id}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        data = [_row(r) for r in await self.repo.accepted_for_conference(conference_id)]
        await self.redis.set(key, json.dumps(data), ex=_ACCEPTED_TTL)
        return data
