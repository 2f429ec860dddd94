"""Card processor client: every request is retried behind a breaker."""
import httpx

from ..retrying import Breaker, retried


class Processor:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://processor.example", timeout=8.0)
        self._breaker = Breaker()

    async def _send(self, path: str, body: dict) -> dict:
        async def once() -> dict:
            resp = await self._http.post(path, json=body)
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.run(lambda: retried(once, tries=4))

    async def void(self, auth_id: str) -> dict:
        return await self._send(f"/auths/{auth_id}/void", {})


processor = Processor()
