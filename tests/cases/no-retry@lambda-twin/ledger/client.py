"""General-ledger API."""
import httpx

from ledger.retrying import Transient


class LedgerClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def post_entry(self, account: str, cents: int, memo: str) -> str:
        resp = await self._http.post("/entries", json={"account": account, "cents": cents, "memo": memo})
        if resp.status_code >= 500:
            raise Transient(str(resp.status_code))
        resp.raise_for_status()
        return resp.json()["entry_id"]

    async def close_period(self, period: str) -> None:
        resp = await self._http.post(f"/periods/{period}/close")
        if resp.status_code >= 500:
            raise Transient(str(resp.status_code))
        resp.raise_for_status()
