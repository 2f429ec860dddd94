from redis.asyncio import Redis

from clinic.util.limits import AttemptLog, CountedInRedis


class RateLimited(Exception):
    pass


class BookingService:
    def __init__(self) -> None:
        self._per_patient = AttemptLog(limit=10, window_s=60.0)  # expect: horizontal-scaling-blocker

    async def book(self, patient: str, slot: int) -> dict:
        if not self._per_patient.permit(patient):
            raise RateLimited(patient)
        return {"patient": patient, "slot": slot}


class SearchService:
    """Look-alike: its limiter counts in redis."""

    def __init__(self, redis: Redis) -> None:
        self._per_client = CountedInRedis(redis, per_minute=600)

    async def search(self, client: str, text: str) -> list[str]:
        if not await self._per_client.permit(client):
            raise RateLimited(client)
        return [text]
