"""Reserving a place in a class: the session row carries the limit."""
from sqlalchemy.ext.asyncio import AsyncSession

from gym.models import Reservation
from gym.store import SessionStore, fetch_session


class Full(Exception):
    pass


class Booking:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db
        self._store = SessionStore(db)

    async def reserve(self, session_id: int, member_id: int) -> Reservation:
        session = await self._store.load(session_id)  # the store can lock, but is not asked to
        taken = await self._store.taken(session_id)
        if taken >= session.head_limit:  # expect: race-condition
            raise Full(session_id)
        reservation = Reservation(session_id=session_id, member_id=member_id)
        self._store.reserve(reservation)
        await self._db.commit()
        return reservation

    async def reserve_locked(self, session_id: int, member_id: int) -> Reservation:
        session = await self._store.load(session_id, for_update=True)
        taken = await self._store.taken(session_id)
        if taken >= session.head_limit:
            raise Full(session_id)
        reservation = Reservation(session_id=session_id, member_id=member_id)
        self._store.reserve(reservation)
        await self._db.commit()
        return reservation


async def walk_in(db: AsyncSession, session_id: int, member_id: int) -> None:
    session = await fetch_session(db, session_id, locked=False)
    store = SessionStore(db)
    if await store.taken(session_id) >= session.head_limit:  # expect: race-condition
        raise Full(session_id)
    store.reserve(Reservation(session_id=session_id, member_id=member_id))
    await db.commit()


async def walk_in_locked(db: AsyncSession, session_id: int, member_id: int) -> None:
    session = await fetch_session(db, session_id, locked=True)
    store = SessionStore(db)
    if await store.taken(session_id) >= session.head_limit:
        raise Full(session_id)
    store.reserve(Reservation(session_id=session_id, member_id=member_id))
    await db.commit()
