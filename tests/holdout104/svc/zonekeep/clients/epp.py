"""Minimal EPP (RFC 5730/5734) client over TLS: 4-byte length-prefixed XML frames."""
from __future__ import annotations

import asyncio
import ssl
import struct
import uuid
from xml.etree import ElementTree as ET

from zonekeep.core.errors import RegistryError
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings

log = get_logger("clients.epp")

NS = {"epp": "urn:ietf:params:xml:ns:epp-1.0", "domain": "urn:ietf:params:xml:ns:domain-1.0"}


class EppClient:
    def __init__(self, settings: Settings) -> None:
        self._host = settings.registry_epp_host
        self._port = settings.registry_epp_port
        self._client_id = settings.registry_client_id
        self._password = settings.registry_password
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        ctx = ssl.create_default_context()
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(self._host, self._port, ssl=ctx), timeout=15
        )
        await self._read_frame()  # greeting
        await self._command(self._login_xml())

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()

    async def _read_frame(self) -> ET.Element:
        assert self._reader is not None
        header = await self._reader.readexactly(4)
        (length,) = struct.unpack(">I", header)
        body = await asyncio.wait_for(self._reader.readexactly(length - 4), timeout=30)
        try:
            return ET.fromstring(body)
        except ET.ParseError as exc:
            raise RegistryError("malformed EPP frame") from exc

    async def _command(self, xml: str) -> ET.Element:
        data = xml.encode()
        async with self._lock:
            assert self._writer is not None
            self._writer.write(struct.pack(">I", len(data) + 4) + data)
            await self._writer.drain()
            resp = await self._read_frame()
        result = resp.find(".//epp:result", NS)
        code = int(result.get("code", "2400")) if result is not None else 2400
        if code >= 2000:
            msg = result.findtext("epp:msg", default="", namespaces=NS) if result is not None else ""
            raise RegistryError(f"EPP {code}: {msg}")
        return resp

    def _login_xml(self) -> str:
        return (
            f'<epp xmlns="{NS["epp"]}"><command><login><clID>{self._client_id}</clID>'
            f"<pw>{self._password}</pw><options><version>1.0</version><lang>en</lang></options>"
            f"<svcs><objURI>{NS['domain']}</objURI></svcs></login>"
            f"<clTRID>{uuid.uuid4().hex}</clTRID></command></epp>"
        )

    async def create_domain(self, name: str, years: int, auth_code: str) -> str:
        resp = await self._command(
            f'<epp xmlns="{NS["epp"]}"><command><create><domain:create xmlns:domain="{NS["domain"]}">'
            f"<domain:name>{name}</domain:name><domain:period unit=\"y\">{years}</domain:period>"
            f"<domain:authInfo><domain:pw>{auth_code}</domain:pw></domain:authInfo>"
            f"</domain:create></create><clTRID>{uuid.uuid4().hex}</clTRID></command></epp>"
        )
        return resp.findtext(".//domain:roid", default="", namespaces=NS)

    async def renew_domain(self, name: str, current_expiry: str, years: int = 1) -> None:
        await self._command(
            f'<epp xmlns="{NS["epp"]}"><command><renew><domain:renew xmlns:domain="{NS["domain"]}">'
            f"<domain:name>{name}</domain:name><domain:curExpDate>{current_expiry}</domain:curExpDate>"
            f"<domain:period unit=\"y\">{years}</domain:period></domain:renew></renew>"
            f"<clTRID>{uuid.uuid4().hex}</clTRID></command></epp>"
        )

    async def request_transfer(self, name: str, auth_code: str) -> str:
        resp = await self._command(
            f'<epp xmlns="{NS["epp"]}"><command><transfer op="request"><domain:transfer xmlns:domain="{NS["domain"]}">'
            f"<domain:name>{name}</domain:name><domain:authInfo><domain:pw>{auth_code}</domain:pw>"
            f"</domain:authInfo></domain:transfer></transfer><clTRID>{uuid.uuid4().hex}</clTRID></command></epp>"
        )
        return resp.findtext(".//epp:svTRID", default="", namespaces=NS)

    async def approve_transfer(self, name: str) -> None:
        await self._command(
            f'<epp xmlns="{NS["epp"]}"><command><transfer op="approve"><domain:transfer xmlns:domain="{NS["domain"]}">'
            f"<domain:name>{name}</domain:name></domain:transfer></transfer>"
            f"<clTRID>{uuid.uuid4().hex}</clTRID></command></epp>"
        )
