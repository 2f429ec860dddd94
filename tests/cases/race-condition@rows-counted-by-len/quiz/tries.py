"""Starting a try at a quiz; each player has a limited number."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from quiz.models import Quiz, Try


class NoTriesLeft(Exception):
    pass


async def tries_of(db: AsyncSession, quiz_id: int, player_id: int) -> list[Try]:
    rows = await db.scalars(select(Try).where(Try.quiz_id == quiz_id, Try.player_id == player_id))
    return list(rows)


async def start_try(db: AsyncSession, quiz_id: int, player_id: int) -> Try:
    quiz = await db.get(Quiz, quiz_id)
    earlier = await tries_of(db, quiz_id, player_id)
    if len(earlier) >= quiz.max_tries:  # expect: race-condition
        raise NoTriesLeft(quiz_id)
    attempt = Try(quiz_id=quiz_id, player_id=player_id)
    db.add(attempt)
    await db.commit()
    return attempt


async def start_try_inline(db: AsyncSession, quiz_id: int, player_id: int, limit: int) -> None:
    taken = (await db.scalars(select(Try).where(Try.quiz_id == quiz_id, Try.player_id == player_id))).all()
    if len(taken) > limit - 1:  # expect: race-condition
        raise NoTriesLeft(quiz_id)
    db.add(Try(quiz_id=quiz_id, player_id=player_id))
    await db.commit()


async def start_try_locked(db: AsyncSession, quiz_id: int, player_id: int) -> None:
    quiz = await db.scalar(select(Quiz).where(Quiz.id == quiz_id).with_for_update())
    earlier = await tries_of(db, quiz_id, player_id)
    if len(earlier) >= quiz.max_tries:
        raise NoTriesLeft(quiz_id)
    db.add(Try(quiz_id=quiz_id, player_id=player_id))
    await db.commit()


async def current_try(db: AsyncSession, quiz_id: int, player_id: int) -> Try:
    """Get-or-create: a second open try is a data error, and a concurrent create loses on the
    unique index and reads the winner's row."""
    open_tries = await tries_of(db, quiz_id, player_id)
    if open_tries:
        if len(open_tries) > 1:
            raise ValueError(f"player {player_id} has several open tries")
        return open_tries[0]
    attempt = Try(quiz_id=quiz_id, player_id=player_id)
    try:
        db.add(attempt)
        await db.commit()
    except IntegrityError:
        await db.rollback()
        return (await tries_of(db, quiz_id, player_id))[0]
    return attempt
