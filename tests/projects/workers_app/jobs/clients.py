import aiohttp
import asyncpg
import httpx
import redis
import requests
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from jobs.settings import BILLING_URL, REDIS_URL

engine = create_async_engine("postgresql+asyncpg://db/app", pool_size=10, pool_timeout=5)
Session = async_sessionmaker(engine)
cache = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
billing = httpx.AsyncClient(base_url=BILLING_URL, timeout=httpx.Timeout(10, connect=2))


async def make_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool("postgresql://db/app", max_size=5, command_timeout=3)


async def count_accounts() -> int:
    async with Session() as session:
        result = await session.execute(text("SELECT count(*) FROM accounts WHERE active"))
        return result.scalar_one()


async def charge(account_id: int) -> dict:
    response = await billing.post("/charges", json={"account": account_id})
    return response.json()


def remember(key: str, value: str) -> None:
    cache.set(key, value)


def fetch_rates() -> dict:
    return requests.get("https://rates.example.com/latest").json()


async def scrape() -> str:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(connect=5)) as http:
        async with http.get("https://status.example.com") as response:
            return await response.text()
