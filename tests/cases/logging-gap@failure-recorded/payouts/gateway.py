import httpx
import requests


class GatewayError(Exception):
    pass


class Gateway:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def payout(self, account: str, cents: int) -> str:
        try:
            resp = await self._client.post("/payouts", json={"account": account, "cents": cents})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise GatewayError(str(exc)) from exc
        return resp.json()["id"]


class BankError(Exception):
    pass


class BankClient:
    """A blocking SDK client: its calls are not awaited."""

    def __init__(self, session: requests.Session) -> None:
        self._session = session

    def transfer(self, account: str, cents: int) -> str:
        try:
            resp = self._session.post("https://bank.example/transfers", json={"account": account, "cents": cents},
                                      timeout=10)
            resp.raise_for_status()
        except requests.RequestException as exc:
            raise BankError(str(exc)) from exc
        return resp.json()["id"]
