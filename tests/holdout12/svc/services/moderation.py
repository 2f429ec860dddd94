"""Moderation queue: user reports, ML pre-scoring and reviewer decisions."""
import logging
import uuid
from typing import Any

from svc.clients.media import ModerationModelClient
from svc.errors import Conflict
from svc.repositories import ModerationRepository, VideoRepository

logger = logging.getLogger(__name__)

AUTO_HIDE_SCORE = 0.97
VERDICTS = frozenset({"removed", "restored", "age_restricted"})


class ModerationService:
    def __init__(self, repo: ModerationRepository, videos: VideoRepository, model: ModerationModelClient) -> None:
        self._repo = repo
        self._videos = videos
        self._model = model

    async def report(self, video_id: uuid.UUID, reporter_id: uuid.UUID, reason: str) -> int:
        return await self._repo.report(video_id, reporter_id, reason)

    async def my_reports(self, reporter_id: uuid.UUID) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._repo.by_reporter(reporter_id)]

    async def prescore(self, item_id: int, video_id: uuid.UUID, reason: str) -> float:
        score = await self._model.classify(video_id, reason)
        await self._repo.set_score(item_id, score)
        if score >= AUTO_HIDE_SCORE:
            logger.info("auto-hiding video", extra={"video_id": str(video_id), "score": score})
            self._videos.set_visibility(video_id, "hidden")
        return score

    async def claim(self, item_id: int, reviewer_id: uuid.UUID) -> dict[str, Any]:
        item = await self._repo.get(item_id)
        if item["status"] != "pending":
            raise Conflict("item already claimed", item_id=item_id)
        video = await self._videos.get_video(item["video_id"], include_deleted=True)
        await self._repo.assign(item_id, reviewer_id)
        return {"item_id": item_id, "video": dict(video)}

    async def decide(self, item_id: int, reviewer_id: uuid.UUID, verdict: str) -> None:
        if verdict not in VERDICTS:
            raise Conflict("unknown verdict", verdict=verdict)
        if not await self._repo.resolve(item_id, reviewer_id, verdict):
            raise Conflict("item is not assigned to you", item_id=item_id)
        item = await self._repo.get(item_id)
        if verdict == "removed":
            await self._videos.set_visibility(item["video_id"], "removed")
