import logging

import httpx

log = logging.getLogger(__name__)


class ExportRefused(Exception):
    """The accounting system answered the push with an error status."""


class InvalidPeriod(Exception):
    pass


class LedgerExporter:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def push_period(self, period: str, lines: list[dict]) -> None:
        try:
            response = await self._client.put(f"/periods/{period}", json={"lines": lines})
            if response.status_code >= 400:
                raise ExportRefused(f"{period}: {response.status_code}")
        except ExportRefused:  # expect: swallowed-exception
            pass

    async def close_period(self, period: str) -> None:
        try:
            response = await self._client.post(f"/periods/{period}/close")
            if response.is_error:
                raise ExportRefused(period)
        except ExportRefused as exc:
            # look-alike: the refusal is logged
            log.warning("closing %s refused: %s", period, exc)

    async def reopen(self, period: str) -> None:
        try:
            if not period.startswith("20"):
                raise InvalidPeriod(period)
        except InvalidPeriod:
            # look-alike: a local validation error, no remote call in the try
            pass
        await self._client.post(f"/periods/{period}/reopen")
