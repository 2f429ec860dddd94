"""Quiz attempts, grading, leaderboards and grade exports."""

from __future__ import annotations

import copy
import difflib
import logging
from dataclasses import dataclass

from svc.db.models import Question, Quiz, QuizAttempt
from svc.errors import ConflictError
from svc.repositories.quizzes import QuizRepository
from svc.repositories.users import UserRepository

logger = logging.getLogger(__name__)

SIMILARITY_THRESHOLD = 0.85


@dataclass(frozen=True, slots=True)
class GradeResult:
    score: float
    passed: bool
    per_question: dict[int, float]


@dataclass(frozen=True, slots=True)
class LeaderboardEntry:
    user_id: int
    display_name: str
    score: float


def _grade_question(question: Question, answer: object) -> float:
    if question.kind == "text":
        return 0.0
    selected = set(answer or [])
    correct = set(question.correct_option_ids)
    if not correct:
        return 0.0
    hits = len(selected & correct)
    wrong = len(selected - correct)
    return max(hits - wrong, 0) / len(correct) * question.points


class GradingService:
    def __init__(self, quizzes: QuizRepository, users: UserRepository) -> None:
        self._quizzes = quizzes
        self._users = users

    async def start_attempt(self, quiz_id: int, user_id: int) -> QuizAttempt:
        existing = await self._quizzes.open_attempt(quiz_id, user_id)
        if existing is not None:
            return existing
        return await self._quizzes.create_attempt(quiz_id, user_id)

    async def load_quiz(self, quiz_id: int) -> Quiz:
        return await self._quizzes.get_with_questions(quiz_id)

    def grade_attempt(self, quiz: Quiz, answers: dict[str, object]) -> GradeResult:
        per_question: dict[int, float] = {}
        for question in quiz.questions:
            per_question[question.id] = _grade_question(question, answers.get(str(question.id)))
        total = sum(q.points for q in quiz.questions) or 1
        score = sum(per_question.values()) / total
        return GradeResult(score=round(score, 4), passed=score >= quiz.pass_mark, per_question=per_question)

    async def submit(self, attempt_id: int, user_id: int, answers: dict[str, object]) -> GradeResult:
        attempt = await self._quizzes.get_attempt(attempt_id, user_id)
        if attempt.submitted_at is not None:
            raise ConflictError("attempt already submitted")
        quiz = await self._quizzes.get_with_questions(attempt.quiz_id)
        result = self.grade_attempt(quiz, answers)
        await self._quizzes.save_result(attempt, answers, result.score, result.passed)
        return result

    async def leaderboard(self, quiz_id: int) -> list[LeaderboardEntry]:
        attempts = await self._quizzes.top_attempts(quiz_id, limit=20)
        names = [await self._users.display_name(a.user_id) for a in attempts]
        return [LeaderboardEntry(a.user_id, n, a.score or 0.0) for a, n in zip(attempts, names)]

    async def similar_answers(self, quiz_id: int, question_id: int, attempt_id: int) -> list[int]:
        """Free-text answers to the same question that look copied from this attempt."""
        attempts = await self._quizzes.submitted_for_quiz(quiz_id)
        answers_by_attempt = copy.deepcopy({a.id: a.answers for a in attempts})
        key = str(question_id)
        mine = answers_by_attempt.get(attempt_id, {}).get(key)
        if not isinstance(mine, str):
            return []
        suspects: list[int] = []
        for other_id, answers in answers_by_attempt.items():
            text = answers.get(key)
            if other_id == attempt_id or not isinstance(text, str):
                continue
            if difflib.SequenceMatcher(None, mine, text).ratio() >= SIMILARITY_THRESHOLD:
                suspects.append(other_id)
        return suspects

    async def export_csv(self, course_id: int) -> str:
        attempts = await self._quizzes.submitted_for_course(course_id)
        users = await self._users.many(a.user_id for a in attempts)
        out = "quiz_id,user_id,email,score,passed\n"
        for a in attempts:
            email = users[a.user_id].email if a.user_id in users else ""
            out += f"{a.quiz_id},{a.user_id},{email},{a.score},{a.passed}\n"
        return out
