"""A hand-written retry helper: calls what it is handed, backing off between attempts."""
import asyncio
import random
from typing import Any, Awaitable, Callable

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

transient = retry(retry=retry_if_exception_type(httpx.TransportError),
                  wait=wait_exponential_jitter(initial=0.2, max=2), stop=stop_after_attempt(3), reraise=True)


async def with_retries(fn: Callable[..., Awaitable[Any]], *args: Any, attempts: int = 3, **kwargs: Any) -> Any:
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except httpx.TransportError:
            if attempt == attempts:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt + random.random() / 10)
    raise AssertionError("unreachable")
