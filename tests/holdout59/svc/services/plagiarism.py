from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.plagiarism import PlagiarismClient, PlagiarismUnavailable, plagiarism_client
from svc.config import settings
from svc.db.models import Answer, Attempt, PlagiarismCheck
from svc.utils.breaker import CircuitOpenError

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[\w']+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = normalise(text).split()
    return {tuple(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_cpu_pool = ProcessPoolExecutor(max_workers=2)
FETCH_SPACING_SECONDS = 0.2


def _pairwise_overlap(docs: dict[int, str], threshold: float) -> list[tuple[int, int, float]]:
    sets = {aid: shingles(text) for aid, text in docs.items()}
    ids = sorted(sets)
    hits = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            score = jaccard(sets[a], sets[b])
            if score >= threshold:
                hits.append((a, b, score))
    return hits


class PlagiarismService:
    def __init__(self, session: AsyncSession, client: PlagiarismClient = plagiarism_client) -> None:
        self._session = session
        self._client = client

    async def check_answer(self, answer: Answer) -> PlagiarismCheck | None:
        text = str(answer.response.get("text", ""))
        if word_count(text) < settings.plagiarism_min_words:
            return None
        existing = await self._session.scalar(select(PlagiarismCheck).where(PlagiarismCheck.answer_id == answer.id))
        if existing is not None:
            return existing
        check = PlagiarismCheck(answer_id=answer.id, status="queued")
        self._session.add(check)
        await self._session.flush()
        try:
            receipt = await self._client.submit_document(answer.id, text, course_code=f"attempt-{answer.attempt_id}")
        except (PlagiarismUnavailable, CircuitOpenError) as exc:
            logger.warning("plagiarism submit deferred for answer %s: %s", answer.id, exc)
            check.status = "deferred"
        else:
            check.external_id = receipt.external_id
            check.status = receipt.status
        await self._session.commit()
        return check

    async def poll_pending(self, limit: int = 100) -> int:
        stmt = (
            select(PlagiarismCheck)
            .where(PlagiarismCheck.status.in_(("queued", "processing")), PlagiarismCheck.external_id.is_not(None))
            .limit(limit)
        )
        checks = (await self._session.scalars(stmt)).all()
        updated = 0
        for check in checks:
            report = await self._client.fetch_report(check.external_id)
            if report.status == "complete":
                check.status = "complete"
                check.similarity = Decimal(str(report.similarity or 0))
                check.report_url = report.report_url
                updated += 1
            time.sleep(FETCH_SPACING_SECONDS)
        await self._session.commit()
        return updated

    async def cross_check_exam(self, exam_id: int, threshold: float = 0.35) -> list[tuple[int, int, float]]:
        stmt = (
            select(Answer.id, Answer.response)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .where(Attempt.exam_id == exam_id)
        )
        docs = {aid: str(resp.get("text", "")) for aid, resp in (await self._session.execute(stmt)).all()
                if resp.get("kind") == "essay"}
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_cpu_pool, _pairwise_overlap, docs, threshold)
