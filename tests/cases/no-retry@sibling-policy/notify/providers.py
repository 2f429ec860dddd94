"""Message providers: e-mail and SMS are sent with POST; only e-mail is retried."""
import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class EmailProvider:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @retry(retry=retry_if_exception_type(httpx.ConnectError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.3, max=3))
    async def send(self, to: str, subject: str, body: str) -> str:
        resp = await self._http.post("/messages", json={"to": to, "subject": subject, "body": body})
        resp.raise_for_status()
        return resp.json()["id"]


class SmsProvider:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def send(self, to: str, text: str) -> str:
        async with self._client().post(f"{self._base}/sms", data={"to": to, "text": text}) as resp:  # expect: no-retry
            resp.raise_for_status()
            return (await resp.json())["sid"]
