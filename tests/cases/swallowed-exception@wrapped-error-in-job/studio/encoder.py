import httpx


class EncoderError(Exception):
    """The encoding service failed or refused a request."""


class EncoderClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def status(self, job_id: str) -> str:
        try:
            resp = await self._http.get(f"/jobs/{job_id}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise EncoderError(f"status of {job_id}: {exc}") from exc
        return resp.json()["state"]
