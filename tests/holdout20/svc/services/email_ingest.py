"""Inbound email pipeline: parse, de-duplicate, thread into tickets, store attachments."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import Settings
from svc.db.orm_repos import MessageRepository
from svc.errors import ValidationFailed
from svc.services.attachments import AttachmentService
from svc.services.inspection import sender_domain_resolves
from svc.services.tickets import TicketService

logger = logging.getLogger(__name__)

INGEST_STATS: dict[str, int] = {"received": 0, "duplicates": 0, "threaded": 0, "created": 0}

MESSAGE_ID_RE = re.compile(r"<([^<>\s]+)>")
DEDUPE_TTL_SECONDS = 7 * 24 * 3600


@dataclass(slots=True)
class ParsedEmail:
    message_id: str
    in_reply_to: str | None
    sender: str
    sender_name: str
    subject: str
    text: str
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)


def _first_message_id(header: str | None) -> str | None:
    if not header:
        return None
    match = MESSAGE_ID_RE.search(header)
    return match.group(1) if match else None


def parse_raw(raw: bytes) -> ParsedEmail:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    sender_name, sender = parseaddr(str(msg.get("From", "")))
    body_part = msg.get_body(preferencelist=("plain", "html"))
    text = body_part.get_content() if body_part is not None else ""
    attachments = [
        (part.get_filename() or "attachment", part.get_content_type(), part.get_payload(decode=True) or b"")
        for part in msg.iter_attachments()
    ]
    message_id = _first_message_id(msg.get("Message-ID")) or hashlib.sha256(raw).hexdigest()
    return ParsedEmail(
        message_id=message_id,
        in_reply_to=_first_message_id(msg.get("In-Reply-To")),
        sender=sender.lower(),
        sender_name=sender_name,
        subject=str(msg.get("Subject", "")).strip(),
        text=text,
        attachments=attachments,
    )


def _spool_raw(spool_dir: str, message_id: str, raw: bytes) -> str:
    path = os.path.join(spool_dir, hashlib.sha1(message_id.encode()).hexdigest() + ".eml")
    with open(path, "wb") as fh:
        fh.write(raw)
    return path


class EmailIngestService:
    def __init__(
        self,
        settings: Settings,
        redis: Redis,
        session_factory: async_sessionmaker[AsyncSession],
        tickets: TicketService,
        attachments: AttachmentService,
    ) -> None:
        self._settings = settings
        self._redis = redis
        self._session_factory = session_factory
        self._tickets = tickets
        self._attachments = attachments

    async def ingest(self, org_id: int, raw: bytes) -> int:
        INGEST_STATS["received"] += 1
        parsed = await asyncio.to_thread(parse_raw, raw)
        dedupe_key = f"inbound:{org_id}:{parsed.message_id}"
        if await self._redis.exists(dedupe_key):
            INGEST_STATS["duplicates"] += 1
            existing = await self._redis.get(dedupe_key)
            return int(existing) if existing else 0
        _spool_raw(self._settings.spool_dir, parsed.message_id, raw)
        domain = parsed.sender.rpartition("@")[2]
        if not domain or not sender_domain_resolves(domain):
            raise ValidationFailed("sender domain does not resolve", details={"domain": domain})

        ticket_id = await self._thread_into(parsed)
        if ticket_id is None:
            ticket = await self._tickets.open_from_email(org_id, parsed)
            ticket_id = ticket.id
            INGEST_STATS["created"] += 1
        else:
            INGEST_STATS["threaded"] += 1

        for filename, content_type, data in parsed.attachments:
            await self._attachments.store(org_id, ticket_id, None, filename, content_type, data)
        await self._redis.set(dedupe_key, ticket_id, ex=DEDUPE_TTL_SECONDS)
        return ticket_id

    async def _thread_into(self, parsed: ParsedEmail) -> int | None:
        if parsed.in_reply_to is None:
            return None
        async with self._session_factory() as session:
            messages = MessageRepository(session)
            previous = await messages.find_by_external_id(parsed.in_reply_to)
            if previous is None:
                return None
            await messages.add(previous.ticket_id, "customer", None, parsed.text, parsed.message_id)
            await session.commit()
            return previous.ticket_id
