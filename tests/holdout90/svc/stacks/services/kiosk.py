"""RFID self-checkout kiosks post their events in batches."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime

from stacks.repositories.kiosk_events import KioskEventRepository
from stacks.services.circulation import CirculationService
from stacks.settings import Settings
from stacks.utils.cards import normalise_card

log = logging.getLogger(__name__)


@dataclass(slots=True)
class KioskEventIn:
    seq: int
    kind: str
    rfid_tag: str
    card_number: str | None
    occurred_at: datetime


def kiosk_key_matches(salt: str, kiosk_id: str, presented: str) -> bool:
    derived = hashlib.pbkdf2_hmac("sha256", kiosk_id.encode(), salt.encode(), 310_000).hex()
    return hmac.compare_digest(derived, presented)


class KioskService:
    def __init__(
        self, settings: Settings, events: KioskEventRepository, circulation: CirculationService
    ) -> None:
        self._settings = settings
        self._events = events
        self._circulation = circulation

    async def authenticate(self, kiosk_id: str, key: str) -> bool:
        return kiosk_key_matches(self._settings.kiosk_shared_salt, kiosk_id, key)

    async def ingest(self, kiosk_id: str, branch_id: int, events: list[KioskEventIn]) -> dict:
        await self._events.store_batch(
            [(kiosk_id, e.seq, e.kind, e.rfid_tag, e.card_number, e.occurred_at) for e in events]
        )
        seen_tags: list[str] = []
        unique: list[KioskEventIn] = []
        for event in sorted(events, key=lambda e: e.seq):
            if event.rfid_tag not in seen_tags:
                seen_tags.append(event.rfid_tag)
                unique.append(event)
        results = await asyncio.gather(*(self._apply(e, branch_id) for e in unique))
        return {"accepted": len(events), "applied": sum(1 for r in results if r)}

    async def _apply(self, event: KioskEventIn, branch_id: int) -> bool:
        try:
            if event.kind == "checkout" and event.card_number:
                await self._circulation.checkout(normalise_card(event.card_number), event.rfid_tag, branch_id)
            elif event.kind == "checkin":
                await self._circulation.checkin(event.rfid_tag, branch_id)
            return True
        except:
            log.warning("kiosk event %s (%s) could not be applied", event.seq, event.kind)
            return False
