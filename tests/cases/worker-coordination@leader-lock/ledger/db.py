"""Database access shared by both services."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://ledger@db/ledger", pool_size=10)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
