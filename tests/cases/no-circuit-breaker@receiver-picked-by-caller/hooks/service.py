"""Deliveries to the endpoints tenants register, and to partners."""
import logging
from collections import defaultdict

from hooks.circuit import Circuit
from hooks.sender import PartnerSender, ReceiptSender, WebhookSender

logger = logging.getLogger(__name__)


class WebhookService:
    def __init__(self, sender: WebhookSender) -> None:
        self._sender = sender

    async def deliver(self, endpoint: dict, event: str, payload: dict) -> bool:
        result = await self._sender.send(endpoint["url"], endpoint["secret"], event, payload)  # expect: no-circuit-breaker
        if not result.ok:
            logger.warning("endpoint %s answered %s", endpoint["id"], result.status)
        return result.ok


class PartnerService:
    def __init__(self, sender: PartnerSender) -> None:
        self._sender = sender
        self._circuits: dict[str, Circuit] = defaultdict(lambda: Circuit(threshold=5, cooldown=60))

    async def callback(self, partner: dict, payload: dict) -> bool:
        circuit = self._circuits[partner["url"]]
        if not circuit.allow():
            return False
        result = await self._sender.send(partner["url"], payload)
        circuit.record(result.ok)
        return result.ok


class ReceiptService:
    def __init__(self, sender: ReceiptSender) -> None:
        self._sender = sender

    async def confirm(self, order: dict) -> bool:
        result = await self._sender.send(order["callback_url"], {"order": order["id"], "status": "paid"})
        return result.ok
