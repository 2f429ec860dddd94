from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from gym.service import book, book_once

app = FastAPI()
Session = async_sessionmaker(create_async_engine("postgresql+asyncpg://gym@db/gym"))


async def get_session():
    async with Session() as session:
        yield session


@app.post("/classes/{class_id}/book")
async def book_class(class_id: int, member_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    return {"id": await book(session, class_id, member_id), "again": await book_once(session, class_id, member_id)}
