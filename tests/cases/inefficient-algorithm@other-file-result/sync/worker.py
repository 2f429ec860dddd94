"""Reconciles the badges a door controller holds with the store."""
from __future__ import annotations

from .codes import split_codes
from .repo import BadgeRepo


class Reconciler:
    def __init__(self, session, controller) -> None:
        self._repo = BadgeRepo(session)
        self._controller = controller

    async def stale(self, site_id: int) -> list[str]:
        held = await self._controller.list_badges(site_id)
        active = await self._repo.active_numbers(site_id)
        return [badge for badge in held if badge not in active]  # expect: inefficient-algorithm

    async def revoked_still_held(self, site_id: int) -> list[str]:
        held = await self._controller.list_badges(site_id)
        revoked = await self._repo.revoked_numbers(site_id)
        found = []
        for badge in held:
            if badge in revoked:  # expect: inefficient-algorithm
                found.append(badge)
        return found

    async def stale_from_set(self, site_id: int) -> list[str]:
        held = await self._controller.list_badges(site_id)
        active = await self._repo.active_set(site_id)
        return [badge for badge in held if badge not in active]

    async def stale_from_controller(self, site_id: int) -> list[str]:
        held = await self._controller.list_badges(site_id)
        wanted = await self._controller.wanted_badges(site_id)
        return [badge for badge in held if badge not in wanted]

    async def held_outside(self, site_id: int, raw_codes: str) -> list[str]:
        held = await self._controller.list_badges(site_id)
        allowed = split_codes(raw_codes)
        return [badge for badge in held if badge not in allowed]


def duplicated(rows: list) -> list[str]:
    return [r.name for r in rows if [x.name for x in rows].count(r.name) > 1]  # expect: inefficient-algorithm


def positions(rows: list, wanted: list[str]) -> list[int]:
    return [[x.name for x in rows].index(name) for name in wanted if name]  # expect: inefficient-algorithm


def counted_once(rows: list) -> list[str]:
    names = [x.name for x in rows]
    return [name for name in set(names) if len(name) > 1 and name.isupper()]
