from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from reviews.repo import ReviewRepository
from reviews.service import ReviewService

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://reviews@db/reviews")
sessions = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


def get_service(session: AsyncSession = Depends(get_session)) -> ReviewService:
    return ReviewService(ReviewRepository(session))


@app.get("/reviews/pending")
async def pending(service: ReviewService = Depends(get_service)) -> list[dict]:
    return await service.queue()


@app.post("/reviews/approve")
async def approve(ids: list[int], service: ReviewService = Depends(get_service)) -> dict[str, int]:
    await service.approve(ids)
    return {"approved": len(ids)}
