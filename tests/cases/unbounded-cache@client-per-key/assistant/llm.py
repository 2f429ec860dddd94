"""Chat-model clients, one per configured provider key."""
import httpx

_clients: dict[str, httpx.AsyncClient] = {}  # expect: unbounded-cache


def _make_client(api_key: str, base_url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=30)


def client_for(api_key: str, base_url: str) -> httpx.AsyncClient:
    key = f"{api_key}@{base_url}"
    client = _clients.get(key)
    if client is None:
        client = _make_client(api_key, base_url)
        _clients[key] = client
    return client


async def complete(model: dict, prompt: str) -> str:
    client = client_for(model["api_key"], model["base_url"])
    response = await client.post("/chat/completions", json={"model": model["name"], "prompt": prompt})
    return response.json()["text"]

