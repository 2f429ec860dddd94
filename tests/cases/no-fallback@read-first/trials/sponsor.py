"""Sponsor gateway: export deliveries (writes) and enrolment targets (reads)."""
import httpx


class SponsorGateway:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10)

    async def deliver(self, sponsor: str, name: str, content: bytes) -> str:
        resp = await self._http.post(f"/sponsors/{sponsor}/deliveries", content=content,
                                     headers={"X-File-Name": name})
        resp.raise_for_status()
        return resp.json()["delivery_id"]

    async def targets(self, study: str) -> dict[str, int]:
        resp = await self._http.get(f"/studies/{study}/targets")  # expect: no-fallback
        resp.raise_for_status()
        return {t["site"]: int(t["target"]) for t in resp.json()["targets"]}
