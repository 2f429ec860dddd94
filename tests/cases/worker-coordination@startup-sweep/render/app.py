"""Render farm API: each process also consumes render requests from a Redis list."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import String, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

engine = create_async_engine("postgresql+asyncpg://render@db/render", pool_timeout=5)
Session = async_sessionmaker(engine)


class Base(DeclarativeBase):
    pass


class Frame(Base):
    __tablename__ = "frames"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), index=True)


class FrameConsumer:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.known_states: set[str] = set()

    async def requeue_rendering(self) -> None:
        async with Session() as session:
            rendering = await session.scalars(select(Frame.id).where(Frame.state == "rendering"))  # expect: worker-coordination
            for frame_id in rendering:
                await self.redis.rpush("frames", frame_id)

    async def run(self) -> None:
        await self.requeue_rendering()
        while True:
            popped = await self.redis.blpop(["frames"], timeout=5)
            if popped is None:
                continue
            async with Session() as session:
                await session.execute(update(Frame).where(Frame.id == popped[1]).values(state="done"))
                await session.commit()


class ThumbConsumer:
    """Warms a local lookup before consuming: reads only."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.sizes: dict[str, int] = {}

    async def warm(self) -> None:
        async with Session() as session:
            frames = await session.scalars(select(Frame.id).where(Frame.state == "done"))
            for frame_id in frames:
                self.sizes[frame_id] = 0

    async def run(self) -> None:
        await self.warm()
        while True:
            popped = await self.redis.blpop(["thumbs"], timeout=5)
            if popped is not None:
                self.sizes[popped[1]] = 1


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    frames, thumbs = FrameConsumer(redis), ThumbConsumer(redis)
    tasks = [asyncio.create_task(frames.run()), asyncio.create_task(thumbs.run())]
    yield
    for task in tasks:
        task.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)
