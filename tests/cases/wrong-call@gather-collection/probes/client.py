"""Health probes of the edge nodes over HTTP."""
import httpx


class NodeClient:
    def __init__(self, timeout: float = 3.0) -> None:
        self._http = httpx.AsyncClient(timeout=timeout)

    async def serial(self, node: str, zone: str) -> int | None:
        resp = await self._http.get(f"https://{node}/zones/{zone}/serial")
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return int(resp.json()["serial"])

    async def aclose(self) -> None:
        await self._http.aclose()
