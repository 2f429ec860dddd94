"""Review service and audit sink clients."""
import uuid

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class ReviewClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def submit(self, report_id: int, evidence: dict) -> str:
        response = await self._http.post("/v2/evidence", json={"external_ref": str(report_id), "evidence": evidence})  # expect: no-retry
        response.raise_for_status()
        return response.json()["case_id"]

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential_jitter(initial=0.5, max=5),
           stop=stop_after_attempt(4), reraise=True)
    async def verdict(self, case_id: str) -> str:
        response = await self._http.get(f"/v2/cases/{case_id}")
        response.raise_for_status()
        return response.json()["verdict"]


class AuditClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def record(self, report_id: int, action: str) -> None:
        response = await self._http.post("/v1/events", json={"request_id": uuid.uuid4().hex, "report": report_id, "action": action})
        response.raise_for_status()
