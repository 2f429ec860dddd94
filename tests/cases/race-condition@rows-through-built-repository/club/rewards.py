"""Spending points on prizes."""
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from club.repo import Members, Prizes


class Refused(Exception):
    pass


class Rewards:
    def __init__(self, db: AsyncSession, redis: Redis, scorer) -> None:
        self.db = db
        self.redis = redis
        self.scorer = scorer

    async def spend(self, member_id: int, cost: int) -> int:
        member = await Members(self.db).by_id(member_id)
        if member.points < cost:  # expect: race-condition
            raise Refused("not enough points")
        await self.scorer.check(member_id)
        member.points -= cost
        await self.db.commit()
        return member.points

    async def spend_locked(self, member_id: int, cost: int) -> int:
        member = await Members(self.db).by_id_locked(member_id)
        if member.points < cost:
            raise Refused("not enough points")
        await self.scorer.check(member_id)
        member.points -= cost
        await self.db.commit()
        return member.points

    async def claim_prizes(self, wanted: dict[int, int]) -> None:
        prizes = await Prizes(self.db).by_ids(list(wanted))
        for prize_id, count in wanted.items():
            prize = prizes.get(prize_id)
            if prize is None or prize.left < count:  # expect: race-condition
                raise Refused(f"prize {prize_id} gone")
        await self.scorer.check(0)
        for prize_id, count in wanted.items():
            prize = prizes[prize_id]
            prize.left -= count
        await self.db.commit()

    async def take_flash_slot(self, drop_id: int) -> bool:
        key = f"drop:{drop_id}:slots"
        slots = await self.redis.get(key)  # expect: race-condition
        if slots is None or int(slots) <= 0:
            return False
        await self.redis.set(key, int(slots) - 1)
        return True

    async def take_flash_slot_atomic(self, drop_id: int) -> bool:
        left = await self.redis.decr(f"drop:{drop_id}:slots")
        if left < 0:
            await self.redis.incr(f"drop:{drop_id}:slots")
            return False
        return True
