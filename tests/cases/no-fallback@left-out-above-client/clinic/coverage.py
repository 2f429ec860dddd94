"""Coverage checks: `_ask` translates the client's errors; one caller falls back on them."""
import httpx

from clinic.errors import CoverageUnavailable
from clinic.payer import PayerClient

_last_known: dict[str, dict] = {}


class CoverageService:
    def __init__(self, client: PayerClient) -> None:
        self._client = client

    async def _ask(self, member_id: str) -> dict:
        try:
            answer = await self._client.coverage(member_id)
        except httpx.HTTPError as exc:
            raise CoverageUnavailable(member_id) from exc
        _last_known[member_id] = answer
        return answer

    async def summary(self, member_id: str) -> dict:
        try:
            return await self._ask(member_id)
        except CoverageUnavailable:
            return {**_last_known.get(member_id, {"active": None}), "stale": True}

    async def check_before_booking(self, member_id: str) -> dict:
        answer = await self._ask(member_id)  # expect: no-fallback
        if not answer.get("active"):
            raise ValueError("coverage inactive")
        return answer
