"""Seat and coupon bookkeeping."""
from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from seats.models import Coupon, Team
from seats.repository import TeamRepository


class SeatService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._teams = TeamRepository(session)

    async def join(self, team_id: int) -> int:
        team = await self._session.get(Team, team_id)
        if team is None:
            raise HTTPException(status_code=404)
        if team.seats_used >= team.seats_limit:  # expect: race-condition
            raise HTTPException(status_code=403, detail="no seats left")
        team.seats_used += 1
        await self._session.commit()
        return team.seats_used

    async def join_via_repository(self, team_id: int) -> int:
        team = await self._teams.by_id(team_id)
        if team is None or team.seats_used >= team.seats_limit:  # expect: race-condition
            raise HTTPException(status_code=403, detail="no seats left")
        team.seats_used += 1
        await self._session.flush()
        return team.seats_used

    async def join_locked(self, team_id: int) -> int:
        async with self._session.begin():
            team = await self._teams.locked(team_id)
            if team is None or team.seats_used >= team.seats_limit:
                raise HTTPException(status_code=403, detail="no seats left")
            team.seats_used += 1
        return team.seats_used

    async def join_atomic(self, team_id: int) -> None:
        result = await self._session.execute(
            update(Team)
            .where(Team.id == team_id, Team.seats_used < Team.seats_limit)
            .values(seats_used=Team.seats_used + 1)
        )
        if result.rowcount == 0:
            raise HTTPException(status_code=403, detail="no seats left")
        await self._session.commit()

    async def redeem(self, coupon_id: int) -> None:
        coupon = await self._session.get(Coupon, coupon_id)
        if coupon is None or coupon.redeemed >= coupon.max_redemptions:
            raise HTTPException(status_code=410)
        coupon.redeemed += 1
        await self._session.commit()

    async def rename(self, team_id: int, name: str) -> None:
        team = await self._session.get(Team, team_id)
        if team is None:
            raise HTTPException(status_code=404)
        team.name = name
        await self._session.commit()


class StockService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._teams = TeamRepository(session)

    async def reserve(self, wanted: dict[int, int]) -> None:
        rows = await self._session.scalars(select(Team).where(Team.id.in_(list(wanted))))
        by_id = {team.id: team for team in rows}
        for team_id, seats in wanted.items():
            team = by_id.get(team_id)
            if team.seats_used + seats > team.seats_limit:  # expect: race-condition
                raise HTTPException(status_code=409)
        for team_id, seats in wanted.items():
            by_id[team_id].seats_used += seats
        await self._session.commit()

    async def reserve_locked(self, wanted: dict[int, int]) -> None:
        rows = await self._session.scalars(select(Team).where(Team.id.in_(list(wanted))).with_for_update())
        by_id = {team.id: team for team in rows}
        for team_id, seats in wanted.items():
            team = by_id.get(team_id)
            if team.seats_used + seats > team.seats_limit:
                raise HTTPException(status_code=409)
        for team_id, seats in wanted.items():
            by_id[team_id].seats_used += seats
        await self._session.commit()
