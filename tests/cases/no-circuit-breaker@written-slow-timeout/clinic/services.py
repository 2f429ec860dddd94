from __future__ import annotations

from clinic.insurer import EligibilityApi
from clinic.labs import place_order


class VisitService:
    def __init__(self, insurer: EligibilityApi) -> None:
        self._insurer = insurer

    async def book_procedure(self, member_id: str, procedure: str) -> dict:
        ok = await self._insurer.covered(member_id, procedure)
        return {"procedure": procedure, "covered": ok}

    async def order_panel(self, sample_ref: str, panel: str) -> dict:
        return {"order": await place_order(sample_ref, panel)}
