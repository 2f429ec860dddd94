from __future__ import annotations

from typing import Any, Sequence
from uuid import UUID

from homegrid.models import Preferences
from homegrid.repositories.preferences import PreferenceRepository

DEFAULT_PREFERENCES: dict[str, Any] = Preferences().model_dump()


class PreferenceService:
    def __init__(self, repo: PreferenceRepository) -> None:
        self._repo = repo

    async def effective(self, household_id: UUID) -> Preferences:
        stored = await self._repo.get(household_id)
        merged = DEFAULT_PREFERENCES
        merged.update(stored)
        return Preferences(**merged)

    async def update(self, household_id: UUID, changes: dict[str, Any]) -> Preferences:
        validated = Preferences(**{**Preferences().model_dump(), **changes})
        allowed = {k: v for k, v in validated.model_dump().items() if k in changes}
        stored = await self._repo.merge(household_id, allowed)
        return Preferences(**{**Preferences().model_dump(), **stored})

    async def auto_opt_in_ids(self, household_ids: Sequence[UUID]) -> list[UUID]:
        stored = await self._repo.get_many(household_ids)
        default = Preferences().dr_auto_opt_in
        return [hid for hid in household_ids if stored.get(hid, {}).get("dr_auto_opt_in", default)]
