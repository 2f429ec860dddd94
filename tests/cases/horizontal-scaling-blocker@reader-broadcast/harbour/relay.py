import json

from redis.asyncio import Redis

from harbour.rooms import BerthBoard


async def relay_berths(redis: Redis, board: BerthBoard) -> None:
    """Every process subscribes and delivers each update to the sockets it holds."""
    pubsub = redis.pubsub()
    await pubsub.subscribe("berths")
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        update = json.loads(message["data"])
        await board.deliver(update["port"], update)
