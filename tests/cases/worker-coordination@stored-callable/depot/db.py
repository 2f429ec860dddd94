import asyncpg
from redis.asyncio import Redis

pool: asyncpg.Pool | None = None
redis = Redis(host="cache")
