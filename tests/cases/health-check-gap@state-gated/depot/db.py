from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://depot@db.internal/depot", pool_size=5)
Session = async_sessionmaker(engine, expire_on_commit=False)


async def parcel_count() -> int:
    async with Session() as session:
        return int((await session.execute(text("SELECT count(*) FROM parcels"))).scalar_one())
