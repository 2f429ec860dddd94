"""Applies payment-provider events and member preferences."""
import json
import logging
from typing import Any

log = logging.getLogger(__name__)


class PaymentEvents:
    def __init__(self) -> None:
        self.statuses: dict[str, str] = {}

    async def handle_webhook(self, body: bytes) -> None:
        try:
            event = json.loads(body)
            payment_id = event["data"]["id"]
            status = event["data"]["status"]
        except (KeyError, ValueError):  # expect: logging-gap
            return
        self.statuses[payment_id] = status

    async def handle_refund(self, body: bytes) -> None:
        try:
            event = json.loads(body)
            refund_id = event["data"]["id"]
        except (KeyError, ValueError) as exc:
            log.warning("unreadable refund event: %s", exc)
            return
        self.statuses[refund_id] = "refunded"

    async def preferences(self, raw: str) -> dict[str, Any]:
        try:
            return json.loads(raw)
        except ValueError:
            return {}
