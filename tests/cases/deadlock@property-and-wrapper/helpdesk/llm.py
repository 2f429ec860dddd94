"""LLM gateway client (aiohttp session left at its 300 s default timeout)."""
import aiohttp

from helpdesk.resilience import CircuitBreaker


class LlmClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url)
        self._breaker = CircuitBreaker()

    async def close(self) -> None:
        await self._session.close()

    async def _complete(self, prompt: str) -> str:
        async with self._session.post("/v1/complete", json={"prompt": prompt}) as response:
            data = await response.json()
        return str(data["text"])

    async def suggest(self, prompt: str) -> str:
        return await self._breaker.call(self._complete, prompt)
