from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Answer, Attempt, AttemptStatus, QuestionVariant
from svc.metrics import GRADING_SECONDS
from svc.repositories.attempts import AttemptRepository
from svc.repositories.grades import GradeRepository
from svc.repositories.questions import QuestionRepository

logger = logging.getLogger(__name__)

GRADE_SCALE = MappingProxyType({"A": 90, "B": 80, "C": 70, "D": 60, "F": 0})
TWO_PLACES = Decimal("0.01")


@dataclass
class GradeResult:
    attempt_id: int
    points: Decimal
    possible: Decimal
    pending_manual: int

    @property
    def percentage(self) -> Decimal:
        if self.possible == 0:
            return Decimal(0)
        return (self.points / self.possible * 100).quantize(TWO_PLACES, ROUND_HALF_UP)


def letter_for(pct: Decimal) -> str:
    for letter, floor in GRADE_SCALE.items():
        if pct >= floor:
            return letter
    return "F"


def score_mcq(variant: QuestionVariant, response: dict) -> Decimal:
    correct = set(variant.answer_key.get("correct", []))
    chosen = set(response.get("choices", []))
    if not correct:
        return Decimal(0)
    if variant.answer_key.get("partial"):
        hits = len(correct & chosen) - len(chosen - correct)
        return Decimal(max(0, hits)) / Decimal(len(correct))
    return Decimal(1) if chosen == correct else Decimal(0)


def score_numeric(variant: QuestionVariant, response: dict) -> Decimal:
    expected = float(variant.answer_key["value"])
    tolerance = float(variant.answer_key.get("tolerance", 0))
    given = float(response["value"])
    return Decimal(1) if math.isclose(given, expected, abs_tol=tolerance) else Decimal(0)


class GradingService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._attempts = AttemptRepository(session)
        self._questions = QuestionRepository(session)
        self._grades = GradeRepository(session)

    async def grade_attempt(self, attempt_id: int) -> GradeResult | None:
        attempt = await self._attempts.lock_attempt(attempt_id)
        if attempt is None or attempt.status not in (AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED):
            return None

        with GRADING_SECONDS.time():
            answers = await self._attempts.answers(attempt_id)
            result = GradeResult(attempt_id, Decimal(0), Decimal(0), 0)
            for answer in answers:
                variant = await self._questions.get_variant(answer.variant_id)
                if variant is None:
                    logger.warning("variant %s missing for answer %s", answer.variant_id, answer.id)
                    continue
                points = Decimal(variant.question.points)
                result.possible += points
                awarded = self._score(variant, answer)
                if awarded is None:
                    result.pending_manual += 1
                    continue
                answer.awarded = (awarded * points).quantize(TWO_PLACES)
                result.points += answer.awarded

        await self._finish(attempt, result)
        return result

    def _score(self, variant: QuestionVariant, answer: Answer) -> Decimal | None:
        kind = variant.question.kind
        if kind == "essay":
            return None
        try:
            if kind == "mcq":
                return score_mcq(variant, answer.response)
            if kind == "numeric":
                return score_numeric(variant, answer.response)
        except (ValueError, KeyError):
            return Decimal(0)
        raise ValueError(f"unknown question kind {kind!r}")

    async def _finish(self, attempt: Attempt, result: GradeResult) -> None:
        attempt.score = result.points
        if result.pending_manual == 0:
            attempt.status = AttemptStatus.GRADED
            pct = result.percentage
            await self._grades.upsert(attempt.id, attempt.student_id, attempt.exam_id, result.points, pct, letter_for(pct))
        await self._session.commit()

    async def regrade_exam(self, exam_id: int, attempt_ids: list[int]) -> dict[int, Decimal]:
        """Re-score attempts after an answer key fix; variants fetched once for the whole exam."""
        out: dict[int, Decimal] = {}
        answers_by_attempt = await self._attempts.answers_for_attempts(attempt_ids)
        variant_ids = {a.variant_id for answers in answers_by_attempt.values() for a in answers}
        variants = await self._questions.variants_by_id(variant_ids)
        for aid, answers in answers_by_attempt.items():
            total = Decimal(0)
            for answer in answers:
                variant = variants.get(answer.variant_id)
                if variant is None:
                    continue
                score = self._score(variant, answer)
                if score is None:
                    continue
                total += (score * Decimal(variant.question.points)).quantize(TWO_PLACES)
            out[aid] = total
        return out


def class_ranks(scores: dict[int, Decimal]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of each student by score."""
    ranks: dict[int, int] = {}
    for student_id, score in scores.items():
        ranks[student_id] = sorted(scores.values(), reverse=True).index(score) + 1
    return ranks


def percentile_bands(scores: list[Decimal], bands: int = 10) -> list[int]:
    ordered = sorted(scores)
    counts = [0] * bands
    if not ordered:
        return counts
    top = ordered[-1] or Decimal(1)
    for value in ordered:
        counts[min(bands - 1, int(value / top * bands))] += 1
    return counts
