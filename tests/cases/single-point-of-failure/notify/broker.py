"""Push notifications go through RabbitMQ; bulk sends fall back to an outbox table."""
import json
from typing import Any

import aio_pika
from aio_pika.exceptions import AMQPConnectionError

AMQP_URL = "amqp://notify@rabbit.internal:5672/"


class Publisher:
    def __init__(self) -> None:
        self.connection: aio_pika.RobustConnection | None = None

    async def start(self) -> None:
        self.connection = await aio_pika.connect_robust(AMQP_URL)  # expect: single-point-of-failure

    async def publish(self, payload: dict[str, Any]) -> None:
        channel = await self.connection.channel()
        await channel.default_exchange.publish(aio_pika.Message(json.dumps(payload).encode()), routing_key="push")

    async def publish_or_keep(self, payload: dict[str, Any], outbox: list[dict[str, Any]]) -> bool:
        try:
            await self.publish(payload)
            return True
        except AMQPConnectionError:
            outbox.append(payload)  # sent again by the outbox relay
            return False


publisher = Publisher()
