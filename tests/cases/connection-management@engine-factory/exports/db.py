"""Engine factory shared by the app and the workers."""
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def build_engine(url: str) -> AsyncEngine:
    return create_async_engine(url, pool_size=10, max_overflow=5, pool_pre_ping=True)
