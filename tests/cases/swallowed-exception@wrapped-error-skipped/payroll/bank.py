import httpx


class BankTransferError(Exception):
    """The bank refused or failed a transfer."""


class AccountAlreadyExists(Exception):
    """The payee account is already registered."""


class BankClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def transfer(self, account: str, cents: int) -> str:
        resp = await self._http.post("/transfers", json={"account": account, "cents": cents})
        if resp.status_code >= 400:
            raise BankTransferError(resp.text)
        return resp.json()["id"]

    async def register(self, account: str) -> None:
        resp = await self._http.post("/payees", json={"account": account})
        if resp.status_code == 409:
            raise AccountAlreadyExists(account)
