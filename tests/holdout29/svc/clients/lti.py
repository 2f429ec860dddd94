"""Grade passback to partner LMS installations (LTI Advantage AGS)."""

from __future__ import annotations

import logging

import httpx

from svc.config import Settings

logger = logging.getLogger(__name__)


async def post_score(settings: Settings, line_item_url: str, user_ref: str, score: float) -> None:
    body = {
        "userId": user_ref,
        "scoreGiven": round(score * 100, 2),
        "scoreMaximum": 100,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
    }
    async with httpx.AsyncClient(base_url=settings.lti_grade_endpoint) as client:
        resp = await client.post(
            f"{line_item_url}/scores",
            json=body,
            headers={"Content-Type": "application/vnd.ims.lis.v1.score+json"},
        )
        resp.raise_for_status()
