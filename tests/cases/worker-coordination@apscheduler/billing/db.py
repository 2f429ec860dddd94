"""Database access for the billing service."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://billing@db/billing", pool_size=10)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
