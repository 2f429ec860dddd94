"""HTTP client for the corporate ERP."""
import httpx


class ErpError(Exception):
    pass


class ErpClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=30.0)

    async def post_event(self, event_type: str, lot_id: int, payload: dict) -> None:
        try:
            resp = await self._http.post(f"/mes/events/{event_type}", json={"lot_id": lot_id, **payload})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise ErpError(str(exc)) from exc

    async def lot_master(self, since: str) -> list[dict]:
        try:
            resp = await self._http.get("/mes/lots", params={"changed_since": since})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise ErpError(str(exc)) from exc
        return resp.json()["items"]


class WmsClient:
    """The warehouse system: its own breaker, consulted before every item."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=30.0)

    async def move(self, lot_id: int, bin_code: str) -> None:
        resp = await self._http.put(f"/lots/{lot_id}/bin", json={"bin": bin_code})
        resp.raise_for_status()

    async def stock(self, bin_code: str) -> int:
        resp = await self._http.get(f"/bins/{bin_code}")
        resp.raise_for_status()
        return int(resp.json()["count"])
