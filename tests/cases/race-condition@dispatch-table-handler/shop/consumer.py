"""Reads warehouse events from a queue and dispatches them by kind."""
import asyncio

from shop import events

HANDLERS = {
    "picked": events.on_picked,
    "restocked": events.on_restocked,
    "damaged": events.on_damaged,
}


async def consume(queue: asyncio.Queue) -> None:
    while True:
        event = await queue.get()
        handler = HANDLERS[event["kind"]]
        await handler(event)
