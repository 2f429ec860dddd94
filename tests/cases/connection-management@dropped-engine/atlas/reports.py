"""Report queries against the read replica."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine


class ReplicaReports:
    def __init__(self, replica_url: str) -> None:
        self._replica_url = replica_url

    async def route_count(self) -> int:
        engine = create_async_engine(self._replica_url, pool_size=2)  # expect: connection-management
        sessions = async_sessionmaker(engine)
        async with sessions() as session:
            return int((await session.execute(text("SELECT count(*) FROM routes"))).scalar_one())

    async def stop_count(self) -> int:
        engine = create_async_engine(self._replica_url, pool_size=1)
        try:
            async with engine.connect() as conn:
                return int((await conn.execute(text("SELECT count(*) FROM stops"))).scalar_one())
        finally:
            await engine.dispose()

    def build_engine(self) -> AsyncEngine:
        engine = create_async_engine(self._replica_url, pool_size=5)
        return engine
