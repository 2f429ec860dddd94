"""An operator's one-off export: built per run by the script, not kept by the app."""
import httpx


class RatesExport:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def one(self, pair: str) -> dict:
        client = httpx.AsyncClient(base_url=self._base, timeout=30.0)
        try:
            return (await client.get(f"/v1/history/{pair}")).json()
        finally:
            await client.aclose()

    async def run(self, pairs: list[str]) -> list[dict]:
        return [await self.one(pair) for pair in pairs]


async def export(pairs: list[str]) -> list[dict]:
    return await RatesExport("http://rates").run(pairs)
