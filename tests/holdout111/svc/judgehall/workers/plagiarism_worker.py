from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor

from judgehall.cache import keys
from judgehall.clients.object_store import ObjectStore
from judgehall.repositories.submissions import (
    PlagiarismRepository,
    SubmissionRepository,
)
from judgehall.services.plagiarism import PlagiarismService
from judgehall.utils.locks import redis_lock
from judgehall.utils.similarity import PairScore, pairwise_scores
from judgehall.workers.base import WorkerContext, run_worker

log = logging.getLogger(__name__)


def _score(sources: dict[int, tuple[str, str]], threshold: float) -> list[PairScore]:
    return pairwise_scores(PlagiarismService.tokenize_all(sources), threshold)


async def process(ctx: WorkerContext, pool: ProcessPoolExecutor, store: ObjectStore, contest_id: int, problem_id: int) -> None:
    loop = asyncio.get_running_loop()
    async with redis_lock(ctx.redis, f"plagiarism:{contest_id}:{problem_id}", ttl=1800) as acquired:
        if not acquired:
            log.info("plagiarism check for %s/%s already running elsewhere", contest_id, problem_id)
            return
        async with ctx.session_factory() as session:
            service = PlagiarismService(
                SubmissionRepository(session), PlagiarismRepository(session), store, ctx.settings.plagiarism_threshold
            )
            sources = await service.collect_sources(contest_id, problem_id)
            pairs = await loop.run_in_executor(pool, _score, sources, ctx.settings.plagiarism_threshold)
            await service.save(contest_id, problem_id, pairs)
            await session.commit()


async def main(ctx: WorkerContext) -> None:
    store = ObjectStore(ctx.settings)
    with ProcessPoolExecutor(max_workers=2) as pool:
        while not ctx.stop.is_set():
            item = await ctx.redis.blpop([keys.QUEUE_PLAGIARISM], timeout=5)
            if item is None:
                continue
            contest_id, problem_id = (int(x) for x in item[1].split(":"))
            try:
                await process(ctx, pool, store, contest_id, problem_id)
            except Exception:
                log.exception("plagiarism check %s/%s failed", contest_id, problem_id)
    await store.aclose()


if __name__ == "__main__":
    run_worker("plagiarism", main)
