import asyncio


async def smtp_banner(host: str, port: int, timeout: float) -> str:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=timeout)
    try:
        data = await reader.readline()  # expect: missing-timeout
        return data.decode("latin-1")
    finally:
        writer.close()


async def smtp_banner_bounded(host: str, port: int, timeout: float) -> str:
    # look-alike: the greeting read is bounded like the connect
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=timeout)
    try:
        data = await asyncio.wait_for(reader.readline(), timeout=timeout)
        return data.decode("latin-1")
    finally:
        writer.close()


async def follow(host: str, port: int, timeout: float, sink) -> None:
    # look-alike: a listener that reads whatever the peer pushes, in a loop
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=timeout)
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            await sink(line)
    finally:
        writer.close()
