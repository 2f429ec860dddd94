"""Escrow provider client (httpx, 15 s timeout)."""
import httpx


class EscrowClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://escrow.example.com", timeout=15.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def release(self, escrow_id: str, account: str) -> str:
        resp = await self._http.post(f"/escrows/{escrow_id}/release", json={"destination": account})
        resp.raise_for_status()
        return str(resp.json()["transfer_id"])
