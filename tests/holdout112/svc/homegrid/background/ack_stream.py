from __future__ import annotations

import json
import socket

import structlog
from redis.exceptions import ResponseError

from homegrid.container import Container
from homegrid.models import CommandAck

log = structlog.get_logger(__name__)

STREAM = "bridge:acks"
GROUP = "homegrid-api"


async def consume_acks(container: Container) -> None:
    """Acks the bridge could not deliver over HTTP are replayed through a redis stream."""
    consumer = socket.gethostname()
    try:
        await container.redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except ResponseError:
        pass
    while True:
        entries = await container.redis.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=200, block=5000)
        for _stream, items in entries or []:
            for entry_id, fields in items:
                ack = CommandAck(**json.loads(fields["ack"]))
                await container.dispatcher.handle_ack(ack)
                await container.redis.xack(STREAM, GROUP, entry_id)
