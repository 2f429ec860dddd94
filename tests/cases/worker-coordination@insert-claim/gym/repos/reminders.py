"""Which reminders went out: a unique (member, kind, period) row per reminder."""
from sqlalchemy import Column, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import declarative_base

from gym.db import get_pool

Base = declarative_base()


class Reminder(Base):
    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("member_id", "kind", "period"),)
    id = Column(Integer, primary_key=True)
    member_id = Column(Integer, nullable=False)
    kind = Column(String, nullable=False)
    period = Column(String, nullable=False)


class ReminderLog:
    def __init__(self, session) -> None:
        self._session = session

    async def claim(self, member_id: int, kind: str, period: str) -> bool:
        """True only for the first process to record this reminder."""
        result = await self._session.execute(
            insert(Reminder)
            .values(member_id=member_id, kind=kind, period=period)
            .on_conflict_do_nothing(index_elements=["member_id", "kind", "period"])
            .returning(Reminder.id)
        )
        return result.first() is not None


async def first_to_record(member_id: int, kind: str, period: str) -> bool:
    pool = await get_pool()
    row = await pool.fetchrow(
        "INSERT INTO reminders (member_id, kind, period) VALUES ($1, $2, $3) "
        "ON CONFLICT (member_id, kind, period) DO NOTHING RETURNING id",
        member_id, kind, period,
    )
    return row is not None


async def record_sent(member_id: int, kind: str, period: str) -> None:
    pool = await get_pool()
    await pool.execute(
        "INSERT INTO reminders (member_id, kind, period) VALUES ($1, $2, $3)", member_id, kind, period
    )
