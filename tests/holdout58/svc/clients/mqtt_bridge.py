"""Bridge from the MQTT broker into the ingestion pipeline.

Speaks just enough MQTT 3.1.1 (CONNECT, SUBSCRIBE, PUBLISH QoS 0/1, PINGREQ) for a single
shared subscription per replica.
"""
from __future__ import annotations

import asyncio
import json
import logging
import struct
import zlib
from typing import Protocol

logger = logging.getLogger(__name__)

_SUBSCRIPTION = "$share/ingest/fleet/+/+/#"
_KEEPALIVE = 30


class MessageSink(Protocol):
    async def submit(self, topic: str, message: dict) -> None: ...


def decode_payload(payload: bytes) -> dict:
    if payload[:1] == b"\x78":
        payload = zlib.decompress(payload)
    return json.loads(payload)


def _encode_remaining_length(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _utf8(s: str) -> bytes:
    raw = s.encode()
    return struct.pack("!H", len(raw)) + raw


class MqttBridge:
    def __init__(self, host: str, port: int, client_id: str, sink: MessageSink) -> None:
        self._host = host
        self._port = port
        self._client_id = client_id
        self._sink = sink
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._inbox: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()
        self._dropped = 0
        self._packet_id = 0

    @property
    def dropped(self) -> int:
        return self._dropped

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        variable = _utf8("MQTT") + bytes([4, 0x02]) + struct.pack("!H", _KEEPALIVE)
        body = variable + _utf8(self._client_id)
        self._writer.write(bytes([0x10]) + _encode_remaining_length(len(body)) + body)
        await self._writer.drain()
        header = await asyncio.wait_for(self._reader.readexactly(4), timeout=10)
        if header[0] != 0x20 or header[3] != 0:
            raise ConnectionError(f"broker refused connection: {header!r}")
        await self._subscribe(_SUBSCRIPTION)

    async def run(self) -> None:
        """Connect and pump until the connection drops; the supervisor reconnects."""
        await self.connect()
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self.read_loop())
                group.create_task(self.keepalive_loop())
        finally:
            await self.close()

    async def _subscribe(self, topic: str) -> None:
        assert self._writer is not None
        self._packet_id = (self._packet_id % 65535) + 1
        body = struct.pack("!H", self._packet_id) + _utf8(topic) + bytes([1])
        self._writer.write(bytes([0x82]) + _encode_remaining_length(len(body)) + body)
        await self._writer.drain()

    async def _read_packet(self) -> tuple[int, bytes]:
        assert self._reader is not None
        first = (await self._reader.readexactly(1))[0]
        multiplier, length = 1, 0
        while True:
            byte = (await self._reader.readexactly(1))[0]
            length += (byte & 0x7F) * multiplier
            if not byte & 0x80:
                break
            multiplier *= 128
        return first, await self._reader.readexactly(length)

    async def read_loop(self) -> None:
        while True:
            first, body = await self._read_packet()
            if first >> 4 != 3:
                continue
            qos = (first >> 1) & 0x03
            topic_len = struct.unpack("!H", body[:2])[0]
            topic = body[2 : 2 + topic_len].decode()
            offset = 2 + topic_len
            if qos:
                packet_id = body[offset : offset + 2]
                offset += 2
                assert self._writer is not None
                self._writer.write(bytes([0x40, 0x02]) + packet_id)
            self._inbox.put_nowait((topic, body[offset:]))

    async def keepalive_loop(self) -> None:
        while True:
            await asyncio.sleep(_KEEPALIVE / 2)
            if self._writer is not None:
                self._writer.write(b"\xc0\x00")
                await self._writer.drain()

    async def dispatch_loop(self) -> None:
        while True:
            topic, payload = await self._inbox.get()
            try:
                message = decode_payload(payload)
            except:
                self._dropped += 1
                continue
            try:
                await self._sink.submit(topic, message)
            except Exception:
                logger.exception("failed to ingest message on %s", topic)

    async def publish(self, topic: str, message: dict, qos: int = 1) -> None:
        assert self._writer is not None, "bridge not connected"
        payload = json.dumps(message, separators=(",", ":")).encode()
        self._packet_id = (self._packet_id % 65535) + 1
        variable = _utf8(topic) + (struct.pack("!H", self._packet_id) if qos else b"")
        body = variable + payload
        self._writer.write(bytes([0x30 | (qos << 1)]) + _encode_remaining_length(len(body)) + body)
        await asyncio.wait_for(self._writer.drain(), timeout=5)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.write(b"\xe0\x00")
            self._writer.close()
            await self._writer.wait_closed()
