"""Blockchain node RPC clients."""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
from decimal import Decimal
from typing import Any

import httpx

from svc.utils.observability import trace_headers
from svc.utils.money import from_base_units, parse_node_amount
from svc.utils.retry import with_retry

log = logging.getLogger(__name__)


class NodeError(RuntimeError):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"node rpc error {code}: {message}")
        self.code = code


class BitcoinNodeClient:
    chain = "btc"

    def __init__(self, url: str, user: str = "", password: str = "") -> None:
        auth = httpx.BasicAuth(user, password) if user else None
        self._http = httpx.AsyncClient(base_url=url, auth=auth, timeout=httpx.Timeout(10.0, connect=3.0))
        self._ids = itertools.count(1)

    async def _rpc(self, method: str, params: list[Any]) -> Any:
        body = {"jsonrpc": "1.0", "id": next(self._ids), "method": method, "params": params}
        resp = await self._http.post("/", json=body, headers=trace_headers())
        resp.raise_for_status()
        data = resp.json()
        if data.get("error"):
            raise NodeError(data["error"]["code"], data["error"]["message"])
        return data["result"]

    async def block_height(self) -> int:
        return await with_retry(lambda: self._rpc("getblockcount", []), what="btc getblockcount")

    async def block_hash(self, height: int) -> str:
        return await with_retry(lambda: self._rpc("getblockhash", [height]), what="btc getblockhash")

    async def block(self, block_hash: str) -> dict[str, Any]:
        return await with_retry(lambda: self._rpc("getblock", [block_hash, 2]), what="btc getblock")

    async def transaction_confirmations(self, txid: str) -> int:
        tx = await self._rpc("getrawtransaction", [txid, True])
        return int(tx.get("confirmations", 0))

    async def balance_of(self, wallet: str) -> Decimal:
        result = await self._rpc("getbalances", [])
        return parse_node_amount(result["mine"]["trusted"])

    async def broadcast(self, raw_tx: str) -> str:
        return await self._rpc("sendrawtransaction", [raw_tx])

    async def aclose(self) -> None:
        await self._http.aclose()


class EthereumNodeClient:
    chain = "eth"

    def __init__(self, url: str) -> None:
        self._http = httpx.AsyncClient(base_url=url, timeout=None)
        self._ids = itertools.count(1)

    async def _call(self, method: str, params: list[Any]) -> Any:
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        resp = await self._http.post("", json=body, headers=trace_headers())
        resp.raise_for_status()
        data = resp.json()
        if "error" in data:
            raise NodeError(data["error"].get("code", -1), data["error"].get("message", ""))
        return data["result"]

    async def block_height(self) -> int:
        return int(await self._call("eth_blockNumber", []), 16)

    async def block(self, height: int) -> dict[str, Any]:
        return await self._call("eth_getBlockByNumber", [hex(height), True])

    async def transaction_confirmations(self, txid: str) -> int:
        receipt = await self._call("eth_getTransactionReceipt", [txid])
        if receipt is None:
            return 0
        head = await self.block_height()
        return head - int(receipt["blockNumber"], 16) + 1

    async def balance_of(self, wallet: str) -> Decimal:
        raw = await self._call("eth_getBalance", [wallet, "latest"])
        return from_base_units(int(raw, 16), "eth")

    async def nonce(self, address: str) -> int:
        return int(await self._call("eth_getTransactionCount", [address, "pending"]), 16)

    async def broadcast(self, raw_tx: str) -> str:
        return await self._call("eth_sendRawTransaction", [raw_tx])

    async def aclose(self) -> None:
        await self._http.aclose()


class BlockStream:
    """Newline-delimited JSON block notifications from the node's notification bridge."""

    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(self._host, self._port), timeout=5.0
        )
        self._writer.write(b'{"subscribe": "hashblock"}\n')
        await self._writer.drain()

    async def next_block_hash(self) -> str:
        assert self._reader is not None
        line = await self._reader.readline()
        if not line:
            raise ConnectionError("block stream closed")
        return json.loads(line)["hash"]

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
