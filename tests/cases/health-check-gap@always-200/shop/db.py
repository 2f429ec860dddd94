from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://shop@db.internal/shop", pool_size=10)
Session = async_sessionmaker(engine, expire_on_commit=False)


async def ping() -> None:
    async with Session() as session:
        await session.execute(text("SELECT 1"))


async def order_count(session: AsyncSession) -> int:
    return int((await session.execute(text("SELECT count(*) FROM orders"))).scalar_one())
