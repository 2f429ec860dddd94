from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timezone

from svc.data.db import SessionLocal
from svc.data.models import Submission
from svc.data.redis_store import bus_redis
from svc.services.grading import GRADING_QUEUE, score_answers

log = logging.getLogger(__name__)

ANSWER_KEYS_PREFIX = "quiz:key:"


async def _grade_one(submission_id: int) -> None:
    async with SessionLocal() as session:
        submission = await session.get(Submission, submission_id)
        if submission is None or submission.graded_at is not None:
            return
        raw_key = await bus_redis.get(f"{ANSWER_KEYS_PREFIX}{submission.quiz_id}")
        key = json.loads(raw_key or "{}")
        submission.score = score_answers(json.loads(submission.answers), key)
        submission.graded_at = datetime.now(timezone.utc)
        await session.commit()


_stopping = asyncio.Event()


async def pull_submissions(buffer: asyncio.Queue[int]) -> None:
    backoff = 0.5
    while not _stopping.is_set():
        try:
            item = await bus_redis.brpop(GRADING_QUEUE, timeout=5)
        except Exception as read_error:
            log.exception("grading queue read failed", extra={"backoff": backoff, "error": repr(read_error)})
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30.0)
            continue
        backoff = 0.5
        if item is None:
            continue
        _, raw = item
        await buffer.put(json.loads(raw)["submission_id"])


async def grade_forever(buffer: asyncio.Queue[int]) -> None:
    while True:
        submission_id = await buffer.get()
        await _grade_one(submission_id)
        buffer.task_done()


async def run_grader(concurrency: int = 4) -> None:
    buffer: asyncio.Queue[int] = asyncio.Queue()
    workers = [asyncio.create_task(grade_forever(buffer)) for _ in range(concurrency)]
    await asyncio.gather(pull_submissions(buffer), *workers)


async def regrade_quiz(quiz_id: int, submission_ids: list[int]) -> int:
    graded = 0
    for submission_id in submission_ids:
        try:
            await _grade_one(submission_id)
            graded += 1
        except Exception:
            continue
    log.info("regrade finished", extra={"quiz_id": quiz_id, "graded": graded})
    return graded


async def regrade_batch(submission_ids: list[int]) -> None:
    await asyncio.gather(*(_grade_one(submission_id) for submission_id in submission_ids))


async def regrade_batch_bounded(submission_ids: list[int], limit: int = 8) -> None:
    semaphore = asyncio.Semaphore(limit)

    async def guarded(submission_id: int) -> None:
        async with semaphore:
            try:
                await _grade_one(submission_id)
            except Exception as exc:
                log.exception("regrade failed", extra={"submission_id": submission_id, "error": repr(exc)})

    await asyncio.gather(*(guarded(submission_id) for submission_id in submission_ids))


if __name__ == "__main__":
    asyncio.run(run_grader())
