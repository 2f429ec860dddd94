from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from loyalty.earning import earn, earn_locked, visit

engine = create_async_engine("postgresql+asyncpg://localhost/loyalty")
Sessions = async_sessionmaker(engine)
router = APIRouter()


class Partner:
    async def bonus_for(self, member_id: int, amount: int) -> int: return 0
    async def notify(self, member_id: int, visits: int) -> None: ...


async def session():
    async with Sessions() as s:
        yield s


@router.post("/members/{member_id}/earn")
async def earn_points(member_id: int, amount: int, s: AsyncSession = Depends(session)) -> dict:
    await earn_locked(s, Partner(), member_id, amount)
    await visit(s, Partner(), member_id)
    return {"points": await earn(s, Partner(), member_id, amount)}


app = FastAPI()
app.include_router(router)
