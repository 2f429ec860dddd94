import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class Identity:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential(max=4),
           stop=stop_after_attempt(3), reraise=True)
    async def discovery(self) -> dict:
        resp = await self._http.get("/.well-known/openid-configuration")
        resp.raise_for_status()
        return resp.json()

    async def exchange_code(self, url: str, code: str, verifier: str) -> dict:
        resp = await self._http.post(
            url, data={"grant_type": "authorization_code", "code": code, "code_verifier": verifier}
        )
        resp.raise_for_status()
        return resp.json()
