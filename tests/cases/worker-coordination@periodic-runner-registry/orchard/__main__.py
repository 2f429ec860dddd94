"""`python -m orchard <job>`: a periodic job picked by name and run by the periodic runner, or a
one-off command run once."""
import argparse
import asyncio

import asyncpg
from redis.asyncio import Redis

from .jobs import backfill_prices, expire_holds, release_quotas
from .runner import run_periodic

PERIODIC = {
    "holds": (expire_holds, 60),
    "quotas": (release_quotas, 300),
}
ONE_OFF = {"backfill-prices": (backfill_prices, "fill missing prices from the list price")}


async def main(name: str) -> None:
    pool = await asyncpg.create_pool("postgresql://orchard@db/orchard", command_timeout=30)
    redis = Redis(host="cache", socket_timeout=2)
    if name in ONE_OFF:
        command, _about = ONE_OFF[name]
        await command(pool)
        return
    job, interval = PERIODIC[name]
    await run_periodic(name, lambda: job(pool, redis), interval)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m orchard")
    parser.add_argument("job", choices=[*PERIODIC, *ONE_OFF])
    asyncio.run(main(parser.parse_args().job))
