"""Bank client: transfers go through a circuit breaker and a retry loop."""
import asyncio

import aiohttp
from aiobreaker import CircuitBreaker

_TRANSFER_TIMEOUT = aiohttp.ClientTimeout(total=20)


class BankClient:
    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(base_url="https://bank.example.com")
        self._breaker = CircuitBreaker(fail_max=5)

    async def close(self) -> None:
        await self._session.close()

    async def transfer(self, iban: str, amount_cents: int) -> str:
        return await self._breaker.call_async(self._transfer_with_retry, iban, amount_cents)

    async def _transfer_with_retry(self, iban: str, amount_cents: int) -> str:
        for attempt in range(1, 5):
            try:
                async with self._session.post("/v2/transfers", json={"iban": iban, "amount": amount_cents},
                                              timeout=_TRANSFER_TIMEOUT) as resp:
                    resp.raise_for_status()
                    return str((await resp.json())["reference"])
            except aiohttp.ClientError:
                await asyncio.sleep(attempt)
        raise RuntimeError("bank unavailable")
