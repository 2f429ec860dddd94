"""Line protocol to the domain registry over one TLS connection."""
import asyncio

from renewals.errors import RegistryError


class RegistryClient:
    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), 10)

    async def _command(self, line: str) -> str:
        assert self._reader is not None and self._writer is not None
        async with self._lock:
            self._writer.write(line.encode() + b"\r\n")
            await self._writer.drain()
            reply = (await asyncio.wait_for(self._reader.readline(), 30)).decode().strip()
        code, _, text = reply.partition(" ")
        if int(code) >= 2000:
            raise RegistryError(f"{code}: {text}")
        return text

    async def renew(self, name: str, years: int) -> str:
        return await self._command(f"RENEW {name} {years}")

    async def transfer_out(self, name: str) -> str:
        return await self._command(f"TRANSFER-OUT {name}")
