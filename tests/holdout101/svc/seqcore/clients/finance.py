from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp

from seqcore.errors import FinanceError
from seqcore.infra.resilience import retry_async
from seqcore.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GrantAccount:
    code: str
    active: bool
    pi_name: str
    remaining_cents: int


class FinanceClient:
    """University finance API: grant validation and journal postings."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.finance_url.rstrip("/")
        self._api_key = settings.finance_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": self._api_key},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=10),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("FinanceClient.start() was not called")
        return self._session

    @staticmethod
    def _account(body: dict) -> GrantAccount:
        return GrantAccount(
            code=body["code"],
            active=body["status"] == "ACTIVE",
            pi_name=body.get("pi", ""),
            remaining_cents=int(body.get("remaining_cents", 0)),
        )

    async def validate_account(self, grant_code: str) -> GrantAccount:
        async with self.session.get(f"{self._base}/accounts/{grant_code}") as resp:
            if resp.status == 404:
                raise FinanceError(f"unknown grant {grant_code}")
            resp.raise_for_status()
            return self._account(await resp.json())

    async def validate_accounts(self, grant_codes: list[str]) -> dict[str, GrantAccount]:
        async with self.session.post(f"{self._base}/accounts:batchGet", json={"codes": grant_codes}) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return {a["code"]: self._account(a) for a in body.get("accounts", [])}

    async def post_journal(self, reference: str, lines: list[dict]) -> str:
        async def _post() -> str:
            async with self.session.post(
                f"{self._base}/journals",
                json={"reference": reference, "lines": lines},
                headers={"Idempotency-Key": reference},
            ) as resp:
                resp.raise_for_status()
                return (await resp.json())["journal_id"]

        try:
            return await retry_async(_post, attempts=4, retry_on=(aiohttp.ClientError,))
        except aiohttp.ClientError as exc:
            raise FinanceError(f"journal {reference} not posted") from exc
