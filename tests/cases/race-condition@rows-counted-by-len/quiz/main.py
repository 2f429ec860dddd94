from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from quiz import tries

engine = create_async_engine("postgresql+asyncpg://localhost/quiz")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def db():
    async with Sessions() as s:
        yield s


@app.post("/quizzes/{quiz_id}/tries")
async def start(quiz_id: int, player_id: int, s: AsyncSession = Depends(db)) -> dict:
    await tries.start_try_inline(s, quiz_id, player_id, 3)
    await tries.start_try_locked(s, quiz_id, player_id)
    await tries.current_try(s, quiz_id, player_id)
    return {"id": (await tries.start_try(s, quiz_id, player_id)).id}
