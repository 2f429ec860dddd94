"""Database access shared by the API and the workers."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://depot@db/depot", pool_size=10, pool_timeout=5)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
