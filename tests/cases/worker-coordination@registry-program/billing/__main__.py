"""Billing jobs, run by name. The program elects a leader before it runs its job: one copy works."""
import argparse
import asyncio

import asyncpg

from billing.jobs import accrue_interest, close_statements

JOBS = {"interest": accrue_interest, "statements": close_statements}


async def run(name: str) -> None:
    pool = await asyncpg.create_pool("postgresql://billing@db/billing")
    if not await pool.fetchval("SELECT pg_try_advisory_lock(4242)"):
        return
    await JOBS[name](pool, asyncio.Event())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m billing")
    parser.add_argument("job", choices=sorted(JOBS))
    asyncio.run(run(parser.parse_args().job))


if __name__ == "__main__":
    main()
