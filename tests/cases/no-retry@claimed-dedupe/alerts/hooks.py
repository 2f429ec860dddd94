import httpx


class ChatHook:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def post(self, url: str, text: str) -> None:
        resp = await self._http.post(url, json={"text": text})  # expect: no-retry
        resp.raise_for_status()


class PagerHook:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def page(self, url: str, text: str) -> None:
        resp = await self._http.post(url, json={"summary": text})
        resp.raise_for_status()


class SmsGateway:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, phone: str, text: str) -> str:
        resp = await self._http.post("https://sms.example.net/v1/messages", json={"to": phone, "body": text})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["id"]


class FaxGateway:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, number: str, text: str) -> str:
        resp = await self._http.post("https://fax.example.net/v1/faxes", json={"to": number, "body": text})
        resp.raise_for_status()
        return resp.json()["id"]
