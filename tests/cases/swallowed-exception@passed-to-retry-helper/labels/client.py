import httpx

from labels.retrying import retry_async


class PrinterError(Exception):
    pass


class SpoolError(Exception):
    pass


class PrintClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def print_label(self, document: bytes) -> None:
        async def _send() -> None:
            try:
                resp = await self._client.post("/jobs", content=document)
                resp.raise_for_status()
            except httpx.HTTPError as exc:
                raise PrinterError(str(exc)) from exc

        await retry_async(_send)

    async def status(self) -> dict:
        async def _get() -> dict:
            resp = await self._client.get("/status")
            return resp.json()

        return await retry_async(_get)

    async def spool(self, document: bytes) -> None:
        async def _put() -> None:
            try:
                await self._client.put("/spool", content=document)
            except httpx.HTTPError as exc:
                raise SpoolError(str(exc)) from exc

        await retry_async(_put)
