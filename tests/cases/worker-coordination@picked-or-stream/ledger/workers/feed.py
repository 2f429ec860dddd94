import asyncio

from ledger.workers import Context


async def tail(ctx: Context, stop: asyncio.Event) -> None:
    """Mirrors ledger events to the log; changes nothing shared."""
    last_id = "$"
    while not stop.is_set():
        for _stream, entries in await ctx.redis.xread({"ledger-events": last_id}, count=100, block=5000):
            for entry_id, fields in entries:
                last_id = entry_id
                print(entry_id, fields)
