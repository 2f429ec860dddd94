"""Moves outbox rows to the broker."""
import asyncio
import logging

log = logging.getLogger(__name__)


class Bus:
    async def forward(self) -> int:
        raise NotImplementedError

    async def sweep(self) -> int:
        raise NotImplementedError


async def pump(bus: Bus) -> None:
    while True:
        try:
            moved = await bus.forward()
        except Exception:  # expect: no-recovery
            log.exception("forwarding failed")
            continue
        if moved == 0:
            await asyncio.sleep(1.0)


async def sweeper(bus: Bus) -> None:
    failures = 0
    while True:
        try:
            await bus.sweep()
            failures = 0
        except (ConnectionError, TimeoutError):  # expect: no-recovery
            failures += 1
            log.warning("sweep failed %d times", failures)
            continue
        await asyncio.sleep(30)


async def careful_pump(bus: Bus) -> None:
    delay = 1.0
    while True:
        try:
            moved = await bus.forward()
            delay = 1.0
        except Exception:
            log.exception("forwarding failed, retrying in %.0fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
            continue
        if moved == 0:
            await asyncio.sleep(1.0)


async def paced_sweeper(bus: Bus) -> None:
    while True:
        await asyncio.sleep(30)
        try:
            await bus.sweep()
        except Exception:
            log.exception("sweep failed")
            continue


async def watch_disconnect(bus: Bus) -> None:
    """Waits for the broker to hang up: a failed read means it is gone, and the watcher ends."""
    while True:
        try:
            moved = await bus.forward()
        except Exception:
            return
        if moved < 0:
            return


async def drain_then_stop(bus: Bus) -> None:
    """Waits for the last sweep even when cancelled meanwhile, then stops."""
    final = asyncio.ensure_future(bus.sweep())
    try:
        while not final.done():
            try:
                await asyncio.shield(final)
            except asyncio.CancelledError:
                continue
    except Exception:
        log.exception("final sweep failed")
