"""python -m stacks.workers {overdue|holds|catalogue|licences}"""
from __future__ import annotations

import argparse
import asyncio
import functools

from sqlalchemy import select

from stacks.db.models import Branch
from stacks.logging_setup import configure_logging
from stacks.workers import catalogue_sync, holds_advance, licence_sync, overdue_sweep
from stacks.workers.context import WorkerContext, worker_context
from stacks.workers.runner import run_forever


async def _branch_names(ctx: WorkerContext) -> dict[int, str]:
    async with ctx.sessionmaker() as session:
        return {b.id: b.name for b in await session.scalars(select(Branch))}


async def _holds_step(ctx: WorkerContext, names: dict[int, str]) -> int:
    advanced = await holds_advance.advance_once(ctx, names)
    expired = await holds_advance.expire_once(ctx, names)
    return advanced + expired


async def main(kind: str) -> None:
    async with worker_context() as ctx:
        if kind == "overdue":
            await run_forever("overdue-sweep", ctx.settings.sweep_interval_s, functools.partial(overdue_sweep.sweep_once, ctx))
        elif kind == "holds":
            names = await _branch_names(ctx)
            await run_forever("holds-advance", ctx.settings.holds_interval_s, functools.partial(_holds_step, ctx, names))
        elif kind == "catalogue":
            await catalogue_sync.sync_once(ctx)
        elif kind == "licences":
            await run_forever("licence-sync", 3600, functools.partial(licence_sync.sync_once, ctx))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="stacks.workers")
    parser.add_argument("kind", choices=("overdue", "holds", "catalogue", "licences"))
    configure_logging()
    asyncio.run(main(parser.parse_args().kind))
