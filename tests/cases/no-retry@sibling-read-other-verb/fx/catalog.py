"""Product search: two search backends, only the new one is retried."""
import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class NewSearch:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    @retry(retry=retry_if_exception_type(aiohttp.ClientConnectionError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.2, max=2), reraise=True)
    async def find(self, text: str) -> list[dict]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            async with session.get(f"{self._base}/products", params={"q": text}) as resp:
                resp.raise_for_status()
                return await resp.json()


class LegacySearch:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def find(self, text: str) -> list[dict]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            async with session.post(f"{self._base}/catalog/_search", json={"query": text}) as resp:  # expect: no-retry
                resp.raise_for_status()
                return await resp.json()
