"""Deposit address allocation and derivation."""
from __future__ import annotations

import asyncio
import functools
import logging
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import DepositAddress
from svc.repositories.addresses import AddressRepository
from svc.utils.crypto import derive_child_pubkey, pubkey_to_address

log = logging.getLogger(__name__)

SUPPORTED_CHAINS = frozenset({"btc", "eth"})


class UnsupportedChain(ValueError):
    pass


def _read_xpub(xpub_dir: str, chain: str) -> bytes:
    return bytes.fromhex(Path(xpub_dir, f"{chain}.xpub").read_text().strip())


@functools.lru_cache(maxsize=None)
def address_for_index(xpub_hex: str, chain: str, index: int) -> str:
    return pubkey_to_address(derive_child_pubkey(bytes.fromhex(xpub_hex), index), chain)


def _derive_range(xpub: bytes, chain: str, start: int, count: int) -> list[tuple[int, str]]:
    return [(i, pubkey_to_address(derive_child_pubkey(xpub, i), chain)) for i in range(start, start + count)]


class AddressService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.repo = AddressRepository(session)

    async def allocate(self, customer_id: int, chain: str, label: str | None = None) -> DepositAddress:
        if chain not in SUPPORTED_CHAINS:
            raise UnsupportedChain(chain)
        address = await self.repo.next_unassigned(chain)
        if address is None:
            address = await self._derive_one(chain)
        await self.repo.assign(address.id, customer_id, label)
        await self.session.commit()
        log.info("assigned %s address %s to customer %s", chain, address.address, customer_id)
        return address

    async def allocate_bulk(self, customer_id: int, chain: str, count: int) -> list[DepositAddress]:
        claimed: list[DepositAddress] = []
        for _ in range(count):
            row = await self.repo.claim_unassigned(chain, customer_id, label="bulk")
            if row is None:
                break
            claimed.append(row)
        await self.session.commit()
        return claimed

    async def _derive_one(self, chain: str) -> DepositAddress:
        xpub = _read_xpub(self.settings.xpub_dir, chain)
        index = await self.repo.max_index(chain) + 1
        row = DepositAddress(chain=chain, address=address_for_index(xpub.hex(), chain, index), derivation_index=index)
        await self.repo.add_many([row])
        return row

    async def refill_pool(self, chain: str, count: int = 1000) -> int:
        xpub = await asyncio.to_thread(_read_xpub, self.settings.xpub_dir, chain)
        start = await self.repo.max_index(chain) + 1
        derived = await asyncio.to_thread(_derive_range, xpub, chain, start, count)
        await self.repo.add_many(
            [DepositAddress(chain=chain, address=addr, derivation_index=i) for i, addr in derived]
        )
        await self.session.commit()
        log.info("refilled %s address pool with %d addresses from index %d", chain, count, start)
        return count

    async def list_addresses(self, customer_id: int) -> list[DepositAddress]:
        return await self.repo.list_for_customer(customer_id)
