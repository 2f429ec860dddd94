"""The mill's shared connections."""
import aiohttp
import asyncpg
from redis import asyncio as aioredis

pool: asyncpg.Pool
cache = aioredis.Redis(host="cache")
session: aiohttp.ClientSession


def clock() -> float:
    import time

    return time.time()
