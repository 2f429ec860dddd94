"""Warehouse events, each handled by the function the dispatch table names."""
from shop import stock


class Short(Exception):
    pass


async def on_picked(event: dict) -> None:
    on_hand = await stock.level(event["sku"])  # expect: race-condition
    await stock.store_level(event["sku"], on_hand - event["qty"])


async def on_restocked(event: dict) -> None:
    await stock.add_level(event["sku"], event["qty"])


async def on_damaged(event: dict) -> None:
    left = await stock.level(event["sku"])
    if left < event["qty"]:  # expect: race-condition
        raise Short(event["sku"])
    await stock.store_level(event["sku"], left - event["qty"])


async def _replay(event: dict) -> None:
    on_hand = await stock.level(event["sku"])
    await stock.store_level(event["sku"], on_hand + 0)


async def health() -> dict:
    return {"ok": True}
