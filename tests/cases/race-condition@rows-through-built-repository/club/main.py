from fastapi import Depends, FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from club.rewards import Rewards

engine = create_async_engine("postgresql+asyncpg://localhost/club")
Sessions = async_sessionmaker(engine)
redis = Redis()
app = FastAPI()


class Scorer:
    async def check(self, member_id: int) -> None:
        return None


async def db():
    async with Sessions() as s:
        yield s


@app.post("/members/{member_id}/spend")
async def spend(member_id: int, cost: int, s: AsyncSession = Depends(db)) -> dict:
    rewards = Rewards(s, redis, Scorer())
    await rewards.spend_locked(member_id, cost)
    await rewards.claim_prizes({1: cost})
    return {"points": await rewards.spend(member_id, cost)}
