"""Sync engine whose 15 connections match the 15 threadpool threads set at startup."""
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from catalog import settings

engine = create_engine(settings.DATABASE_URL, pool_size=settings.POOL_SIZE, max_overflow=settings.MAX_OVERFLOW)


def get_db() -> Iterator[Session]:
    with Session(engine) as session:
        yield session
