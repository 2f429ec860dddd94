import asyncio
from datetime import date

from ledger.workers import Context, sleep_or_stop


async def run(ctx: Context, stop: asyncio.Event) -> None:
    """Closes last month once; the done marker is tested and set in two round trips."""
    while not stop.is_set():
        period = f"{date.today():%Y-%m}"
        if not await ctx.redis.exists(f"closing:done:{period}"):
            closed = await ctx.statements.close_period(period)  # expect: worker-coordination
            await ctx.redis.set(f"closing:done:{period}", closed, ex=40 * 86400)
        if await sleep_or_stop(stop, 600):
            break
