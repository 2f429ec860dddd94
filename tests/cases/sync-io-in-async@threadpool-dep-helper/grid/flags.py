"""Feature flags kept in redis, read with the sync client."""
import redis

_client = redis.Redis(host="redis", socket_timeout=1.0)


def is_enabled(flag: str, household: str | None = None) -> bool:
    if household and _client.hget(f"flags:{flag}", household) == b"1":
        return True
    return _client.get(f"flags:{flag}:default") == b"1"
