from __future__ import annotations

import logging

from judgehall.repositories.contests import ContestRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.services.contests import ContestService
from judgehall.services.events import EventPublisher
from judgehall.utils.locks import redis_lock
from judgehall.utils.timeutil import utcnow
from judgehall.workers.base import WorkerContext, run_worker, sleep_or_stop

log = logging.getLogger(__name__)

TICK = 5.0


async def tick(ctx: WorkerContext, events: EventPublisher) -> int:
    changed = 0
    async with ctx.session_factory() as session:
        repo = ContestRepository(session)
        service = ContestService(repo, TeamRepository(session))
        now = utcnow()
        for contest in await repo.due_transitions(now):
            if await service.advance_status(contest, now):
                changed += 1
                await events.publish_scoreboard(contest.id, {"status": contest.status.value})
        await session.commit()
    return changed


async def announce_freezes(ctx: WorkerContext, events: EventPublisher, announced: set[int]) -> None:
    now = utcnow()
    async with ctx.session_factory() as session:
        running = await ContestRepository(session).running_with_freeze(now)
    for contest in running:
        if contest.id in announced:
            continue
        await events.publish_scoreboard(contest.id, {"frozen": True, "freeze_at": contest.freeze_at})
        announced.add(contest.id)


async def main(ctx: WorkerContext) -> None:
    events = EventPublisher(ctx.redis)
    announced: set[int] = set()
    while not ctx.stop.is_set():
        async with redis_lock(ctx.redis, "contest-scheduler", ttl=30) as leader:
            if leader:
                changed = await tick(ctx, events)
                await announce_freezes(ctx, events, announced)
                if changed:
                    log.info("scheduler advanced %d contests", changed)
        await sleep_or_stop(ctx, TICK)


if __name__ == "__main__":
    run_worker("scheduler", main)
