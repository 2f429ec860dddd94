"""One engine for the API and the Celery workers: each process gets its own 20 connections."""
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from ledger.settings import DATABASE_URL

engine = create_engine(DATABASE_URL, pool_size=10, max_overflow=10, pool_timeout=10)  # expect: connection-management
SessionLocal = sessionmaker(bind=engine)


def get_db() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
