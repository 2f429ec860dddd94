import asyncio
import random
from typing import Any, Awaitable, Callable

import aiohttp


async def retry_async(fn: Callable[..., Awaitable[Any]], *args: Any, attempts: int = 3) -> Any:
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args)
        except aiohttp.ClientConnectionError:
            if attempt == attempts:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt + random.random() / 10)
