from __future__ import annotations

import asyncio
import copy
import logging
from datetime import datetime

from portops.db.models import Container
from portops.errors import EdiParseError, NotFound
from portops.repositories.containers import ContainerRepository
from portops.repositories.edi import EdiInbox
from portops.repositories.outbox import EdiOutbox
from portops.utils.edifact import Interchange, parse_interchange, segments_to_containers
from portops.utils.files import store_edi
from portops.utils.timeutil import utcnow

log = logging.getLogger(__name__)

SUPPORTED_TYPES = ("BAPLIE", "COPRAR", "CODECO", "COARRI")


class EdiService:
    def __init__(self, inbox: EdiInbox, outbox: EdiOutbox, containers: ContainerRepository, archive_dir: str) -> None:
        self.inbox = inbox
        self.outbox = outbox
        self.containers = containers
        self.archive_dir = archive_dir

    async def receive(self, raw: str) -> int | None:
        try:
            interchange = parse_interchange(raw)
        except ValueError as exc:
            raise EdiParseError("unreadable interchange") from exc
        if interchange.message_type not in SUPPORTED_TYPES:
            raise EdiParseError("unsupported message type", type=interchange.message_type)
        await asyncio.to_thread(store_edi, self.archive_dir, interchange.sender, interchange.reference, raw)
        return await self.inbox.store(
            interchange.sender, interchange.reference, interchange.message_type, raw, utcnow()
        )

    async def apply_stowage(self, interchange: Interchange, call_id: int) -> int:
        snapshot = copy.deepcopy(interchange)
        parsed = segments_to_containers(snapshot)
        existing = await self.containers.by_numbers(c.number for c in parsed)
        created = 0
        for item in parsed:
            if item.number in existing:
                continue
            await self.containers.add(
                Container(
                    number=item.number, iso_type=item.iso_type, gross_kg=item.gross_kg,
                    status="ON_BOARD", vessel_call_id=call_id, pod=item.pod, line_operator=item.operator,
                )
            )
            created += 1
        await self.containers.commit()
        return created

    async def container_history(self, number: str) -> dict:
        container = await self.containers.get_by_number(number)
        if container is None:
            raise NotFound("container not found", number=number)
        return {"number": container.number, "status": container.status, "call": container.vessel_call_id}

    async def queue_codeco(self, operator: str, body: str) -> int:
        return await self.outbox.enqueue(operator, "CODECO", body)

    async def search(self, term: str, since_days: int = 30) -> list[dict]:
        cutoff = utcnow() - timedelta(days=since_days)
        rows = await self.inbox.search_payload(term)
        return [dict(r) for r in rows if r["received_at"] >= cutoff]

    @staticmethod
    def describe(interchange: Interchange, received: datetime) -> dict:
        return {
            "sender": interchange.sender,
            "reference": interchange.reference,
            "type": interchange.message_type,
            "segments": len(interchange.segments),
            "received": received.isoformat(),
        }
