"""Database engine and cache shared by the routes."""
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://clinic@db/clinic", pool_size=10, pool_timeout=5)
cache = redis.Redis.from_url("redis://cache:6379/0", socket_timeout=2)
