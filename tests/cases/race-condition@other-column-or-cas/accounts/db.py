"""Session factory."""
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://localhost/accounts")
Sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(engine)
