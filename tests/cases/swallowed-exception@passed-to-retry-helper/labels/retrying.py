import asyncio


async def retry_async(operation, *, attempts: int = 3):
    for attempt in range(attempts):
        try:
            return await operation()
        except ConnectionError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(2 ** attempt)
