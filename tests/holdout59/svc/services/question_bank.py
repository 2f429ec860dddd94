"""Builds a randomised, reproducible question plan for each attempt."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass
from functools import lru_cache

from redis.asyncio import Redis

from svc.db.models import Exam, Question, QuestionVariant
from svc.repositories.questions import QuestionRepository


@dataclass(frozen=True)
class PlannedQuestion:
    question_id: int
    variant_id: int
    position: int


class NotEnoughQuestions(Exception):
    pass


@lru_cache(maxsize=2048)
def compile_template(source: str) -> string.Template:
    return string.Template(source)


class QuestionBankService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._rendered: dict[tuple[int, int], str] = {}

    async def build_plan(self, repo: QuestionRepository, exam: Exam, sitting_id: int, seed: int) -> list[PlannedQuestion]:
        questions = list(await repo.active_questions(exam.bank_id))
        if len(questions) < exam.question_count:
            raise NotEnoughQuestions(f"bank {exam.bank_id} has {len(questions)} questions, need {exam.question_count}")

        rng = random.Random(seed)
        rng.shuffle(questions)
        recent = await self._redis.lrange(f"sitting:{sitting_id}:variants", 0, -1)

        plan: list[PlannedQuestion] = []
        for question in questions:
            if len(plan) == exam.question_count:
                break
            variant = self._pick_variant(rng, question, recent)
            if variant is None:
                continue
            plan.append(PlannedQuestion(question.id, variant.id, len(plan) + 1))

        pipe = self._redis.pipeline()
        for item in plan:
            pipe.rpush(f"sitting:{sitting_id}:variants", str(item.variant_id))
        pipe.expire(f"sitting:{sitting_id}:variants", 6 * 3600)
        await pipe.execute()
        return plan

    @staticmethod
    def _pick_variant(rng: random.Random, question: Question, recent: list[str]) -> QuestionVariant | None:
        if not question.variants:
            return None
        fresh = [v for v in question.variants if str(v.id) not in recent]
        return rng.choice(fresh or question.variants)

    def render(self, attempt_id: int, variant: QuestionVariant, params: dict[str, str]) -> str:
        key = (attempt_id, variant.id)
        cached = self._rendered.get(key)
        if cached is not None:
            return cached
        text = compile_template(variant.rendered_body).safe_substitute(params)
        self._rendered[key] = text
        return text

    @staticmethod
    def topics_covered(plan: list[PlannedQuestion], questions_by_id: dict[int, Question]) -> set[str]:
        seen: set[str] = set()
        for item in plan:
            topic = questions_by_id[item.question_id].topic
            if topic and topic not in seen:
                seen.add(topic)
        return seen
