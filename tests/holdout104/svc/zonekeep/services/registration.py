from __future__ import annotations

import asyncio
import os
import secrets
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.epp import EppClient
from zonekeep.core.errors import DomainTaken, InsufficientFunds, NotFound
from zonekeep.core.logging import get_logger
from zonekeep.core.security import hash_auth_code
from zonekeep.models import Domain, Record, Zone
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.domains import DomainRepository
from zonekeep.repositories.records import RecordRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.pricing import PricingService
from zonekeep.services.serial import next_serial

log = get_logger("services.registration")

DEFAULT_NAMESERVERS = ("ns1.zonekeep.net.", "ns2.zonekeep.net.")


class RegistrationService:
    def __init__(self, session: AsyncSession, epp: EppClient, pricing: PricingService) -> None:
        self._session = session
        self._epp = epp
        self._pricing = pricing
        self._accounts = AccountRepository(session)
        self._domains = DomainRepository(session)
        self._zones = ZoneRepository(session)
        self._records = RecordRepository(session)

    async def register(self, account_id: int, name: str, years: int = 1) -> Domain:
        name = name.strip().lower().rstrip(".")
        tld = name.rsplit(".", 1)[-1]
        total = await self._pricing.quote(tld, "create") * Decimal(years)

        account = await self._accounts.get(account_id)
        if account is None:
            raise NotFound("account not found")
        if account.balance < total:
            raise InsufficientFunds(f"{name} costs {total}")

        auth_code = secrets.token_urlsafe(12)
        salt = os.urandom(16)
        code_hash = await asyncio.to_thread(hash_auth_code, auth_code, salt)
        roid = await self._epp.create_domain(name, years, auth_code)

        account.balance = account.balance - total
        domain = Domain(
            account_id=account_id,
            name=name,
            tld=tld,
            registry_roid=roid,
            expires_at=datetime.now(timezone.utc) + timedelta(days=365 * years),
            auth_code_hash=code_hash,
            auth_code_salt=salt,
        )
        try:
            await self._domains.add(domain)
            zone = await self._zones.add(
                Zone(domain_id=domain.id, account_id=account_id, name=name,
                     serial=next_serial(0, datetime.now(timezone.utc).date()))
            )
            for ns in DEFAULT_NAMESERVERS:
                await self._records.add(Record(zone_id=zone.id, name="@", rtype="NS", ttl=86400, content=ns))
            await self._session.commit()
        except IntegrityError:
            await self._session.rollback()
            raise DomainTaken(name)
        log.info("registered %s for account=%s roid=%s", name, account_id, roid)
        return domain
