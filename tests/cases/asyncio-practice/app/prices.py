import asyncio


async def fetch_all(symbols: list[str]) -> dict[str, float]:
    await asyncio.sleep(0)
    return {s: 1.0 for s in symbols}


def sync_prices(symbols: list[str]) -> dict[str, float]:
    return asyncio.run(fetch_all(symbols))  # expect: asyncio-practice


def prices_in_thread(symbols: list[str]) -> dict[str, float]:
    return asyncio.run(fetch_all(symbols))


def close_client(client) -> None:
    """Close from sync or async callers: start a loop only where none is running."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(client.aclose())
        return
    loop.create_task(client.aclose())


class Refresher:
    def __init__(self, symbols: list[str]) -> None:
        self.symbols = symbols
        self.queue = asyncio.Queue(maxsize=10)

    async def refresh(self) -> dict[str, float]:
        return sync_prices(self.symbols)

    async def shutdown(self, client) -> None:
        close_client(client)

    async def refresh_offloaded(self) -> dict[str, float]:
        return await asyncio.to_thread(prices_in_thread, self.symbols)


def main() -> None:
    print(asyncio.run(fetch_all(["AAPL"])))


if __name__ == "__main__":
    main()
