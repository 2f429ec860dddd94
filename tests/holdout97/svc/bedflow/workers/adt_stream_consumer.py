from __future__ import annotations

import asyncio
import logging
import socket

from redis.exceptions import ResponseError

from ..container import Container
from ..errors import InvalidMessage, UnknownWard
from ..hl7.parser import parse_adt

logger = logging.getLogger(__name__)


class AdtStreamConsumer:
    """Consumes ADT messages the interface engine writes to a Redis stream."""

    name = "adt-stream"

    def __init__(self, container: Container, consumer: str | None = None) -> None:
        self._c = container
        self._stream = container.settings.adt_stream
        self._group = container.settings.adt_group
        self._consumer = consumer or socket.gethostname()

    async def ensure_group(self) -> None:
        try:
            await self._c.redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def _process(self, entry_id: str, fields: dict[str, str]) -> None:
        try:
            message = parse_adt(fields["hl7"])
        except InvalidMessage:
            await self._c.redis.xack(self._stream, self._group, entry_id)
            return
        async with self._c.sessions() as session:
            try:
                await self._c.adt(session).handle(message)
            except UnknownWard:
                logger.warning("ADT %s for unmapped ward %s parked", message.control_id, message.ward_code)
                await self._c.redis.xadd(f"{self._stream}:parked", {"hl7": fields["hl7"]}, maxlen=10_000)
        await self._c.redis.xack(self._stream, self._group, entry_id)

    async def run(self) -> None:
        await self.ensure_group()
        while True:
            batches = await self._c.redis.xreadgroup(
                self._group, self._consumer, {self._stream: ">"}, count=50, block=5000
            )
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    await self._process(entry_id, fields)
            await asyncio.sleep(0)
