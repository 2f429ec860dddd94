from redis.asyncio import Redis


def command_client(url: str) -> Redis:
    return Redis.from_url(url, decode_responses=True, socket_connect_timeout=3)  # expect: missing-timeout


def subscriber_client(url: str) -> Redis:
    # subscriptions sit idle for long stretches: keepalives and the health check detect a dead peer
    return Redis.from_url(url, decode_responses=True, socket_connect_timeout=3, socket_keepalive=True,
                          health_check_interval=30)


async def publish(url: str, channel: str, text: str) -> None:
    await command_client(url).publish(channel, text)


async def listen(url: str, channel: str) -> None:
    pubsub = subscriber_client(url).pubsub()
    await pubsub.subscribe(channel)
