import asyncio

from ledger.workers import Context, sleep_or_stop


async def run(ctx: Context, stop: asyncio.Event) -> None:
    """Overdue notices, one copy per round: the copy that wins the lock sends them."""
    while not stop.is_set():
        async with ctx.redis.lock("ledger:notices", timeout=300, blocking=False) as held:
            if held:
                await ctx.statements.send_overdue_notices()
        if await sleep_or_stop(stop, 900):
            break
