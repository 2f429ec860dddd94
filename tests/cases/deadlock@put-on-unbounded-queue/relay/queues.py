import asyncio

outbox: asyncio.Queue = asyncio.Queue()
acks: asyncio.Queue = asyncio.Queue(maxsize=100)
