import asyncio
import functools


def retried(attempts: int = 3):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    if attempt == attempts - 1:
                        raise
                    await asyncio.sleep(0.1 * 2 ** attempt)

        return wrapper

    return decorate


def with_tenant(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        kwargs.setdefault("tenant", "default")
        return await fn(*args, **kwargs)

    return wrapper


def reshaped(fn):
    async def wrapper(payload: dict):
        return await fn(**payload)

    return wrapper
