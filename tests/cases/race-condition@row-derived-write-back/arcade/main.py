import httpx
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from arcade.service import Arcade

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
Session = async_sessionmaker(engine)
http = httpx.AsyncClient(base_url="https://bonus.internal")


async def get_session():
    async with Session() as session:
        yield session


@app.post("/players/{player_id}/reward")
async def reward(player_id: int, minutes: int, session: AsyncSession = Depends(get_session)) -> dict:
    arcade = Arcade(session, http)
    await arcade.reward(player_id, minutes)
    await arcade.spend(player_id, 1)
    await arcade.spend_atomically(player_id, 1)
    await arcade.level_tokens(player_id)
    return {"ok": True}
