from app.exchange import Exchange


async def test_close_after_fetch() -> None:
    exchange = Exchange()
    exchange.close()
