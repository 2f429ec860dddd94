from typing import Any

from roster.cache import JsonCache


class MemberService:
    def __init__(self, cache: JsonCache, members, teams) -> None:
        self._cache = cache
        self._members = members
        self._teams = teams

    async def member_card(self, member_id: int) -> dict[str, Any]:
        key = f"member:{member_id}"
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        member = await self._members.get(member_id)
        card = {"id": member.id, "name": member.name, "status": member.status}
        await self._cache.set(key, card)  # expect: cache-misuse
        return card

    async def team_card(self, team_id: int) -> dict[str, Any]:
        key = f"team:{team_id}"
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        team = await self._teams.get(team_id)
        card = {"id": team.id, "name": team.name}
        await self._cache.set(key, card, ttl=300)
        return card
