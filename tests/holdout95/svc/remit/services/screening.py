"""Sanctions / PEP screening of both parties before a transfer is funded."""
from __future__ import annotations

import logging
import uuid

from ..clients.screening_api import ScreeningApiClient, ScreeningResult
from ..models import Recipient, Sender, Transfer
from ..realtime.ops_desk import OpsDesk
from ..repositories.screening import ScreeningRepository

log = logging.getLogger(__name__)


class ScreeningService:
    def __init__(self, client: ScreeningApiClient, ops_desk: OpsDesk, threshold: float) -> None:
        self._client = client
        self._ops_desk = ops_desk
        self._threshold = threshold

    async def screen_transfer(
        self, repo: ScreeningRepository, transfer: Transfer, sender: Sender, recipient: Recipient
    ) -> bool:
        """Return True when the transfer may proceed, False when it is held for review."""
        results: list[ScreeningResult] = []
        for name, country in ((sender.full_name, sender.country), (recipient.full_name, recipient.country)):
            results.append(await self._client.screen_party(name, country))
        matches = [m for r in results for m in r.matches if m.score >= self._threshold]
        if not matches and not sender.is_pep:
            return True
        case = await repo.open_case(transfer.id)
        for match in matches:
            await repo.insert_hit(case.id, match)
        log.warning("transfer %s held for screening review (%d hits)", transfer.id, len(matches))
        await self._ops_desk.broadcast(
            {"kind": "case_opened", "case_id": str(case.id), "transfer_id": str(transfer.id),
             "top_score": max((m.score for m in matches), default=0.0)}
        )
        return False

    async def decide(
        self, repo: ScreeningRepository, case_id: uuid.UUID, analyst: str, approve: bool, note: str
    ) -> uuid.UUID | None:
        case = await repo.set_status(case_id, "cleared" if approve else "rejected", analyst, note)
        if case is None:
            return None
        log.info("case %s %s by %s", case_id, case.status, analyst)
        return case.transfer_id
