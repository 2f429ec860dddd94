import httpx


class Telematics:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://telematics.example.com", timeout=15.0)

    async def pair(self, van_id: int, driver: str) -> None:
        response = await self._http.post(f"/vans/{van_id}/pair", json={"driver": driver})
        response.raise_for_status()


async def notify_dispatch(van_id: int) -> None:
    async with httpx.AsyncClient(timeout=5.0) as client:
        await client.post("https://dispatch.example.com/events", json={"van": van_id})
