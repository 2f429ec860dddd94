from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

SessionFactory = async_sessionmaker(create_async_engine("postgresql+asyncpg://fleet@db/fleet"))
redis = Redis(host="cache", socket_timeout=2)
