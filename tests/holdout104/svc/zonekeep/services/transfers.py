from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients import whois
from zonekeep.clients.epp import EppClient
from zonekeep.core.errors import Conflict, NotFound
from zonekeep.core.logging import get_logger
from zonekeep.core.security import auth_code_matches
from zonekeep.models import Transfer
from zonekeep.repositories.domains import DomainRepository
from zonekeep.repositories.transfers import TransferRepository

if TYPE_CHECKING:
    from zonekeep.models import Domain

log = get_logger("services.transfers")


class TransferService:
    def __init__(self, session: AsyncSession, epp: EppClient) -> None:
        self._session = session
        self._epp = epp
        self._domains = DomainRepository(session)
        self._transfers = TransferRepository(session)

    async def request_in(self, account_id: int, name: str, auth_code: str) -> Transfer:
        name = name.strip().lower()
        if await self._transfers.pending_for_domain(name) is not None:
            raise Conflict("a transfer for this domain is already pending")
        if await self._domains.find_by_name_ci(name) is not None:
            raise Conflict(f"{name} is already managed by zonekeep")
        info = await whois.rdap_lookup(name)
        if not info.get("registered") or not whois.transfer_eligible(info, datetime.now(timezone.utc)):
            raise Conflict(f"{name} is not eligible for transfer")
        ref = await self._epp.request_transfer(name, auth_code)
        transfer = await self._transfers.add(Transfer(account_id=account_id, domain_name=name, direction="in",
                                                      registry_ref=ref, requested_at=datetime.now(timezone.utc)))
        await self._session.commit()
        return transfer

    def _check_unlocked(self, domain: Domain) -> None:
        if domain.transfer_lock:
            raise TransferLocked(domain.name)

    async def verify_code(self, domain: Domain, code: str) -> bool:
        if domain.auth_code_hash is None or domain.auth_code_salt is None:
            return False
        return auth_code_matches(code, domain.auth_code_salt, domain.auth_code_hash)

    async def approve_out(self, account_id: int, transfer_id: int) -> Transfer:
        transfer = await self._transfers.get(transfer_id)
        if transfer is None or transfer.direction != "out":
            raise NotFound("transfer not found")
        domain = await self._domains.get_by_name(transfer.domain_name)
        if domain is None or domain.account_id != account_id:
            raise NotFound("transfer not found")
        self._check_unlocked(domain)
        if transfer.status != "pending":
            raise Conflict(f"transfer already {transfer.status}")
        await self._epp.approve_transfer(domain.name)
        transfer.status = "approved"
        transfer.decided_at = datetime.now(timezone.utc)
        domain.status = "transferred_out"
        await self._session.commit()
        log.info("transfer-out approved domain=%s transfer=%s", domain.name, transfer.id)
        return transfer
