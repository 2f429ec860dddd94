"""Adding people to teams."""
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from teams.limits import Limits, require_capacity
from teams.models import Seat


class AlreadyMember(Exception):
    pass


async def invite(db: AsyncSession, team_id: int, user_id: int) -> None:
    await Limits(db).ensure_free_seat(team_id)
    try:
        db.add(Seat(team_id=team_id, user_id=user_id))
        await db.commit()
    except IntegrityError as exc:  # the duplicate member; the seat cap is not a unique key
        await db.rollback()
        raise AlreadyMember(user_id) from exc


async def bulk_invite(db: AsyncSession, team_id: int, user_ids: list[int]) -> None:
    await require_capacity(db, team_id, len(user_ids))
    for user_id in user_ids:
        db.add(Seat(team_id=team_id, user_id=user_id))
    await db.commit()


async def join_existing(db: AsyncSession, team_id: int, user_id: int) -> None:
    await Limits(db).ensure_team_exists(team_id)
    db.add(Seat(team_id=team_id, user_id=user_id, role="guest"))
    await db.commit()
