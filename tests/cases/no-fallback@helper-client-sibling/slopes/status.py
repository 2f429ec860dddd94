"""Lift status: the queue length degrades to "unknown" when the feed is down."""
from slopes.lifts import FeedDown, LiftFeed

OPENING_HOURS = {"default": "08:30-16:30"}


class StatusService:
    def __init__(self, feed: LiftFeed) -> None:
        self._feed = feed

    async def queue_length(self, lift_id: str) -> dict:
        try:
            data = await self._feed.queue(lift_id)
        except FeedDown:
            return {"lift": lift_id, "queue": None, "stale": True}
        return {"lift": lift_id, "queue": data["length"], "stale": False}

    async def wind(self, lift_id: str) -> dict:
        data = await self._feed.wind(lift_id)  # expect: no-fallback
        return {"lift": lift_id, "kph": data["kph"]}

    async def hours(self, lift_id: str) -> dict:
        return {"lift": lift_id, "hours": OPENING_HOURS["default"]}
