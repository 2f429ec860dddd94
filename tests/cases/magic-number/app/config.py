import httpx

POLL_INTERVAL_SECONDS = 15.0
client = httpx.AsyncClient(timeout=10.0)


def make_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=30.0)
