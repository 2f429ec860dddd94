"""The partner API, one client shared by the whole process."""
import httpx

partner_http = httpx.AsyncClient(base_url="https://partners.example.com", timeout=10.0)


async def partner_profile(partner_id: int) -> dict:
    resp = await partner_http.get(f"/v1/partners/{partner_id}")  # expect: no-retry
    resp.raise_for_status()
    return resp.json()


async def partner_limits(partner_id: int) -> dict:
    resp = await partner_http.get(f"/v1/partners/{partner_id}/limits")
    resp.raise_for_status()
    return resp.json()


async def notify_partner(partner_id: int, event: str) -> None:
    resp = await partner_http.post(f"/v1/partners/{partner_id}/events", json={"event": event})  # expect: no-retry
    resp.raise_for_status()
