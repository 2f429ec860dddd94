from app.clients import get_client
from app.registry import Registry


async def quote(symbol: str) -> float:
    response = await get_client().get(f"https://prices.example.com/{symbol}")
    Registry().items[symbol] = response
    return float(response.json()["price"])


async def quotes(symbols: list[str]) -> list[float]:
    client = get_client()
    return [float((await client.get(f"https://prices.example.com/{s}")).json()["price"]) for s in symbols]
