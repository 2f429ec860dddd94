import httpx

_client = httpx.AsyncClient(base_url="https://prices.example.com", timeout=2.0)


async def quote(symbol: str) -> float:
    response = await _client.get(f"/quote/{symbol}")
    return float(response.json()["price"])
