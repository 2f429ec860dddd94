from __future__ import annotations

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from .app import create_app
from .sessions import DbSessionFactory

engine = create_async_engine("postgresql+asyncpg://p@db/p")
factory = async_sessionmaker(engine, expire_on_commit=False)
app = create_app(db=DbSessionFactory(db=factory, dialect="postgresql"))
