"""SQLAlchemy engines and session factories."""
from collections.abc import AsyncIterator

from fastapi import Request
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker

engine = create_async_engine("postgresql+asyncpg://shop@db/shop", pool_size=10, pool_timeout=5)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

reporting_engine = create_engine("postgresql://shop@db/shop", pool_size=2, pool_timeout=5)  # expect: connection-management
ReportSession = sessionmaker(reporting_engine)


async def get_session() -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request, closed after the response."""
    session = SessionLocal()
    try:
        yield session
    finally:
        await session.close()


def new_session() -> AsyncSession:
    """The caller owns the session it gets."""
    return SessionLocal()


async def open_request_session(request: Request) -> None:
    """Router dependency: the session lives on the request; `close_request_session` closes it."""
    session = SessionLocal()
    request.state.db = session


async def close_request_session(request: Request) -> None:
    await request.state.db.close()
