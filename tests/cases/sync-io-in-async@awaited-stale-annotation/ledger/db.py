"""Engines: the async one for the service, a sync one for the nightly export."""
from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker

AsyncSessionLocal = async_sessionmaker(create_async_engine("postgresql+asyncpg://ledger"))
SyncSessionLocal = sessionmaker(create_engine("postgresql+psycopg2://ledger"))
