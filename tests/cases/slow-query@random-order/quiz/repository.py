"""Random picks: over the whole question bank, and over one player's own deck."""
from sqlalchemy import func, select

from .models import Card, Question


class QuizRepository:
    def __init__(self, session, pool) -> None:
        self.session = session
        self.pool = pool

    async def random_questions(self, topic: str, count: int) -> list[Question]:
        stmt = select(Question).where(Question.topic == topic).order_by(func.random()).limit(count)  # expect: slow-query
        return list(await self.session.scalars(stmt))

    async def random_question_ids(self, count: int) -> list[int]:
        rows = await self.pool.fetch(
            "SELECT id FROM questions ORDER BY random() LIMIT $1",  # expect: slow-query
            count,
        )
        return [row["id"] for row in rows]

    async def shuffled_deck(self, player_id: int) -> list[Card]:
        stmt = select(Card).where(Card.player_id == player_id).order_by(func.random())
        return list(await self.session.scalars(stmt))

    async def newest_questions(self, count: int) -> list[Question]:
        stmt = select(Question).order_by(Question.id.desc()).limit(count)
        return list(await self.session.scalars(stmt))

    async def random_cards(self, player_id: int, count: int) -> list[Card]:
        stmt = select(Card).order_by(func.random()).limit(count)
        stmt = stmt.where(Card.player_id == player_id)
        return list(await self.session.scalars(stmt))
