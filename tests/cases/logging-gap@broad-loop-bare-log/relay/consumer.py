import logging

log = logging.getLogger(__name__)


async def consume(queue, handle, stopping) -> None:
    while not stopping.is_set():
        try:
            message = await queue.get()
            await handle(message.body)
        except:  # noqa: E722
            log.critical("message handling blew up")  # expect: logging-gap


async def consume_detailed(subscription, handle) -> None:
    # look-alike: the error is passed to the log line
    async for message in subscription:
        try:
            await handle(message.body)
        except Exception as err:
            log.error("handling %s failed: %r", message.id, err)


async def refresh(client) -> None:
    # look-alike: a broad catch outside any loop (one call, the message says what failed)
    try:
        await client.refresh()
    except Exception:
        log.warning("token refresh failed")
