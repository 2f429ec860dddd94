"""Look-alike: a client built once per process on first use."""
import httpx

_client: httpx.AsyncClient | None = None


def bank_client() -> httpx.AsyncClient:
    global _client
    if _client is None:
        _client = httpx.AsyncClient(base_url="https://bank.example", timeout=5)
    return _client
