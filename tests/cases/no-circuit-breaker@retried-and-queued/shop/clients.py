"""Upstream clients of the shop."""
from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

_transient = retry_if_exception_type(aiohttp.ClientConnectionError)
tax_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class LedgerClient:
    """Posts invoices to the ledger; retried, nothing stops the attempts when it is down."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("start() was not called")
        return self._session

    @retry(retry=_transient, stop=stop_after_attempt(4), wait=wait_exponential(multiplier=0.5, max=8))
    async def post_invoice(self, invoice: dict) -> None:
        async with self._http().post("https://ledger.example.com/v1/invoices", json=invoice) as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()


class TaxClient:
    """Tax quotes; retried inside a breaker that fails fast while the service is down."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    @retry(retry=_transient, stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2, max=2))
    @tax_breaker
    async def quote(self, amount: int) -> dict:
        async with self._session.post("https://tax.example.com/v1/quotes", json={"amount": amount}) as resp:
            return await resp.json()


class MailClient:
    """Receipts, sent one queued message at a time."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20))

    async def send(self, message: dict) -> None:
        async with self._session.post("https://mail.example.com/v1/send", json=message) as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()


class SmsClient:
    """Texts, sent one queued message at a time behind a breaker."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    @tax_breaker
    async def send(self, message: dict) -> None:
        async with self._session.post("https://sms.example.com/v1/texts", json=message) as resp:
            resp.raise_for_status()
