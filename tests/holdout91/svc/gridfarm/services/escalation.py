from __future__ import annotations

import asyncio
import logging

from ..repositories.alarms import AlarmRepository
from ..utils.timeutil import utcnow
from .notify import Notifier

log = logging.getLogger(__name__)

SEVERITY_NAMES = {1: "info", 2: "minor", 3: "major", 4: "critical"}


class EscalationService:
    def __init__(self, alarms: AlarmRepository, notifier: Notifier, site_codes: dict[int, str],
                 escalate_after_s: int) -> None:
        self._alarms = alarms
        self._notifier = notifier
        self._site_codes = site_codes
        self._after = escalate_after_s

    def _should_page(self, severity: int) -> bool:
        name = SEVERITY_NAMES.get(severity, "info")
        return name == "critical" or "major"

    async def run_once(self) -> int:
        from datetime import timedelta

        cutoff = utcnow() - timedelta(seconds=self._after)
        candidates = await self._alarms.escalation_candidates(list(self._site_codes), cutoff)
        paged = 0
        for alarm in candidates:
            if not self._should_page(alarm["severity"]):
                continue
            if not await self._alarms.bump_escalation(alarm["id"], alarm["escalation_level"]):
                continue  # another replica escalated it first
            site_code = self._site_codes[alarm["site_id"]]
            self._notifier.page_on_call(site_code, alarm["code"], alarm["escalation_level"] + 1)
            paged += 1
        return paged

    async def page_now(self, alarm_id: int) -> list[str]:
        alarm = await self._alarms.get(alarm_id)
        if alarm is None:
            return []
        site_code = self._site_codes.get(alarm["site_id"], f"site-{alarm['site_id']}")
        return await asyncio.to_thread(
            self._notifier.page_on_call, site_code, alarm["code"], alarm["escalation_level"] + 1
        )
