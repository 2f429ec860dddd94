"""Renews the domains that expire soon and releases the ones leaving, every hour."""
import asyncio
import logging

from renewals.errors import RegistryError
from renewals.registry import RegistryClient

log = logging.getLogger(__name__)


async def renew_due(registry: RegistryClient, names: list[str]) -> int:
    renewed = 0
    for name in names:
        try:
            await registry.renew(name, 1)
        except RegistryError:  # expect: logging-gap
            continue
        renewed += 1
    return renewed


async def release_leaving(registry: RegistryClient, names: list[str]) -> int:
    released = 0
    for name in names:
        try:
            await registry.transfer_out(name)
        except RegistryError as exc:
            log.warning("transfer-out of %s refused: %s", name, exc)
            continue
        released += 1
    return released


async def main() -> None:
    registry = RegistryClient("epp.registry.example", 700)
    await registry.connect()
    while True:
        try:
            await renew_due(registry, ["example.org"])
            await release_leaving(registry, ["example.net"])
        except Exception:
            log.exception("renewal pass failed")
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main())
