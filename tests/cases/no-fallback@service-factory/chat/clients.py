"""Clients of internal services."""
import httpx


class FlagClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://flags.internal:8080", timeout=2.0)

    async def enabled(self, workspace_id: int, flag: str) -> bool:
        response = await self._http.get(f"/v1/flags/{flag}", params={"tenant": workspace_id})
        response.raise_for_status()
        return bool(response.json().get("enabled", False))


class HookClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=5.0)

    async def deliver(self, url: str, payload: dict) -> int:
        response = await self._http.post(url, json=payload)
        response.raise_for_status()
        return response.status_code
