"""A sync engine and one session per request, handed out by a dependency."""
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from inventory.settings import DATABASE_URL

engine = create_engine(DATABASE_URL, pool_pre_ping=True)  # expect: connection-management
SessionLocal = sessionmaker(bind=engine, autoflush=False)


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
