"""Writes go to the primary; dashboards read from the streaming replica."""
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

PRIMARY_URL = "postgresql+asyncpg://analytics@pg-primary.internal:5432/analytics"
REPLICA_URL = "postgresql+asyncpg://analytics@pg-replica.internal:5432/analytics"

primary = create_async_engine(PRIMARY_URL, pool_size=10, pool_timeout=5)
replica_engine = create_async_engine(REPLICA_URL, pool_size=20, pool_timeout=5)

# A local scratch file for export jobs: embedded, nothing to fail over to.
scratch = create_engine("sqlite:///./exports.db")
