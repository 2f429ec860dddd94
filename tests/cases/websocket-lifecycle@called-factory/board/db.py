"""Session factory built once the engine exists (so it is called twice: `session_factory()()`)."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

_engine = create_async_engine("postgresql+asyncpg://board@db/board")


def session_factory() -> async_sessionmaker:
    return async_sessionmaker(_engine, expire_on_commit=False)
