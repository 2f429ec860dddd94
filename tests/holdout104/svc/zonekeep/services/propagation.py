"""Checks which nameserver nodes are serving which SOA serial."""
from __future__ import annotations

import asyncio
import time

from zonekeep.clients.nameserver import NameserverClient
from zonekeep.core.errors import ZonekeepError
from zonekeep.core.logging import get_logger
from zonekeep.services.serial import serial_newer

log = get_logger("services.propagation")


class PropagationTimeout(ZonekeepError):
    status_code = 504
    code = "propagation_timeout"


class PropagationChecker:
    def __init__(self, nameservers: NameserverClient, nodes: list[str]) -> None:
        self._ns = nameservers
        self._nodes = nodes

    async def _probe(self, node: str, zone_name: str) -> int | None:
        try:
            return await self._ns.served_serial(node, zone_name)
        except Exception:
            log.exception("serial probe failed node=%s zone=%s", node, zone_name)
            raise

    async def snapshot(self, zone_name: str) -> dict[str, int | None]:
        results = await asyncio.gather([self._probe(n, zone_name) for n in self._nodes])
        return dict(zip(self._nodes, results))

    async def first_to_converge(self, zone_name: str, serial: int, timeout: float) -> set[str]:
        tasks = {asyncio.create_task(self._probe(n, zone_name)): n for n in self._nodes}
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        for t in pending:
            t.cancel()
        return {tasks[t] for t in done if not t.exception() and t.result() is not None
                and not serial_newer(serial, t.result())}

    async def wait_for_serial(self, zone_name: str, serial: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            served = await asyncio.gather(
                *(self._probe(n, zone_name) for n in self._nodes), return_exceptions=True
            )
            if all(isinstance(s, int) and not serial_newer(serial, s) for s in served):
                return
            await asyncio.sleep(2)
        raise PropagationTimeout(f"{zone_name} serial {serial} not served everywhere")
