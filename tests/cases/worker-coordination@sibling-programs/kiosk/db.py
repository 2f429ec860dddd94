"""The kiosk's database session factory."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://kiosk@db/kiosk", pool_size=5)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
