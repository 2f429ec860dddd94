"""Filing provider: the submit is retried by a hand-written loop and the status read by a tenacity
policy, so the client has a declared retry; the docket and fee-schedule reads on request paths are retried
nowhere (two of them: no single call left out of a majority, so only the declared policy beside the loop
lets them be judged as reads on request paths)."""
import asyncio

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class FilingProvider:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def submit(self, envelope: dict, *, key: str) -> dict:
        delay = 1.0
        for attempt in range(1, 4):
            try:
                resp = await self._http.post("/envelopes", json=envelope, headers={"Idempotency-Key": key})
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 3:
                    raise
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(4),
           wait=wait_exponential_jitter(initial=0.5, max=8), reraise=True)
    async def status(self, ref: str) -> dict:
        resp = await self._http.get(f"/envelopes/{ref}")
        resp.raise_for_status()
        return resp.json()

    async def docket(self, court: str, case: str) -> dict:
        resp = await self._http.get(f"/courts/{court}/cases/{case}")  # expect: no-retry
        resp.raise_for_status()
        return resp.json()

    async def fees(self, court: str) -> dict:
        resp = await self._http.get(f"/courts/{court}/fees")
        resp.raise_for_status()
        return resp.json()
