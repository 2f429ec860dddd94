import httpx

_client: httpx.AsyncClient | None = None
_calls = 0
_cache: dict | None = None
_config = None


def get_client() -> httpx.AsyncClient:  # expect: singleton-abuse
    global _client
    if _client is None:
        _client = httpx.AsyncClient(timeout=10)
    return _client


def count_call() -> int:
    global _calls
    _calls += 1
    return _calls


def cache() -> dict:
    global _cache
    if _cache is None:
        _cache = {}
    return _cache


def load_config() -> dict:
    return {"debug": False}


def config() -> dict:
    global _config
    if _config is None:
        _config = load_config()
    return _config


_job = None


def run_job(settings: dict) -> int:
    global _job
    _job = httpx.AsyncClient(timeout=5)
    try:
        return len(settings)
    finally:
        _job = None
