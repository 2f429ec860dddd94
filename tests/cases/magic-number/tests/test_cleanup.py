import asyncio


async def test_cleanup_waits():
    await asyncio.sleep(5)
