"""Consumes breaker/valve events from the SCADA gateway (newline-delimited JSON over TCP)."""
from __future__ import annotations

import asyncio
import json
import logging

from ..config import get_settings
from ..db import SessionLocal, get_redis
from ..models import Commodity
from ..services.outage_service import OutageService

log = logging.getLogger(__name__)
READ_TIMEOUT_S = 75


class ScadaFeed:
    def __init__(self, geocoder) -> None:
        s = get_settings()
        self._host = s.scada_feed_host
        self._port = s.scada_feed_port
        self._geocoder = geocoder

    async def consume(self) -> None:
        reader, writer = await asyncio.open_connection(self._host, self._port)
        log.info("connected to SCADA gateway %s:%s", self._host, self._port)
        try:
            while True:
                line = await asyncio.wait_for(reader.readline(), timeout=READ_TIMEOUT_S)
                if not line:
                    raise ConnectionError("SCADA gateway closed the stream")
                event = json.loads(line)
                if event.get("kind") == "keepalive":
                    continue
                await self._handle(event)
        finally:
            writer.close()
            await writer.wait_closed()

    async def _handle(self, event: dict) -> None:
        kind = event.get("kind")
        if kind not in {"breaker_open", "valve_closed", "pressure_loss"}:
            log.debug("ignoring SCADA event %s", kind)
            return
        commodity = Commodity.ELECTRICITY if kind == "breaker_open" else Commodity.WATER
        async with SessionLocal() as session:
            service = OutageService(session, get_redis(), self._geocoder)
            outage = await service.open_or_extend(event["feeder"], commodity, int(event.get("customers", 0)))
        log.info("SCADA %s on %s -> outage %s", kind, event["feeder"], outage.id)
