"""Validates queued transfer requests against their schema before they are settled."""
import asyncio
import logging

from ledger.service import WalletService

log = logging.getLogger(__name__)


def accepts(schema: dict | None, value: object) -> bool:
    # look-alike: a pure validator; an unhashable value is simply not one of the allowed values
    if schema is None:
        return True
    if "enum" in schema:
        try:
            return value in schema["enum"]
        except Exception:
            return False
    for option in schema.get("anyOf", []):
        if accepts(option, value):
            return True
    return "type" not in schema


async def settle_queue(queue: asyncio.Queue, service: WalletService, schema: dict) -> None:
    while True:
        request = await queue.get()
        for field in request.get("fields", []):
            if not accepts(schema, field):
                log.warning("rejected field %s", field)
        await service.settle(request["owner"], request["cents"])
        await service.open_wallet(request["owner"])
