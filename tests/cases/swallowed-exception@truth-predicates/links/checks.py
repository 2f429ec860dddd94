"""Link checks: predicates whose answer is "no" when the input cannot be read."""
import ipaddress
from urllib.parse import urlparse

import requests


def is_valid_link(link: str) -> bool:
    try:
        parts = urlparse(link.strip())
        return all([parts.scheme, parts.netloc])
    except Exception:
        return False


def is_online():
    try:
        answer = requests.head("https://example.org", timeout=3)
        return answer.status_code == 200
    except Exception:
        return False


def _is_mirror_up(base_url: str) -> bool:
    try:
        answer = requests.get(f"{base_url}/health", timeout=2)
        return answer.is_success
    except Exception:
        return False


def is_private_host(link: str) -> bool:
    try:
        host = urlparse(link).hostname
        if host in ("localhost", "127.0.0.1"):
            return True
        return ipaddress.ip_address(host).is_private
    except Exception:
        # not an address we can read: treat it as public
        return False


class LinkStore:
    def __init__(self, redis) -> None:
        self._redis = redis

    async def is_known(self, link: str) -> bool:
        try:
            return await self._redis.sismember("links", link)
        except Exception:  # expect: swallowed-exception
            return False

    def has_preview(self, link: str) -> bool:
        try:
            return self._redis.hexists("previews", link)
        except Exception:  # expect: swallowed-exception
            return False
