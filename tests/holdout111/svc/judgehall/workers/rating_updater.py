from __future__ import annotations

import logging
import time

from sqlalchemy.exc import SQLAlchemyError

from judgehall.repositories.contests import ContestRepository
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.ratings import RatingRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.repositories.users import UserRepository
from judgehall.services.rating import RatingService
from judgehall.workers.base import WorkerContext, run_worker, sleep_or_stop

log = logging.getLogger(__name__)

INTERVAL = 60.0
ERROR_BACKOFF = 5.0


async def run_once(ctx: WorkerContext) -> int:
    applied = 0
    async with ctx.session_factory() as session:
        contests = await ContestRepository(session).finished_unrated()
        for contest in contests:
            service = RatingService(
                UserRepository(session),
                RatingRepository(session),
                TeamRepository(session),
                SubmissionRepository(session),
                ProblemRepository(session),
            )
            applied += await service.recalculate(contest)
            await session.commit()
            log.info("ratings applied for contest %s", contest.id)
    return applied


async def loop(ctx: WorkerContext) -> None:
    while not ctx.stop.is_set():
        try:
            await run_once(ctx)
        except SQLAlchemyError:
            log.exception("rating pass failed")
            time.sleep(ERROR_BACKOFF)
            continue
        await sleep_or_stop(ctx, INTERVAL)


if __name__ == "__main__":
    run_worker("rating-updater", loop)
