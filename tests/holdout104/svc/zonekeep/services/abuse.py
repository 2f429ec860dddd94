from __future__ import annotations

import asyncio
import ipaddress
import socket

from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.logging import get_logger
from zonekeep.models import AbuseReport
from zonekeep.repositories.abuse import AbuseRepository
from zonekeep.repositories.domains import DomainRepository

log = get_logger("services.abuse")

CATEGORIES = {"phishing", "malware", "spam", "botnet", "other"}


class AbuseService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._reports = AbuseRepository(session)
        self._domains = DomainRepository(session)

    async def submit(self, target: str, reporter_email: str, category: str, details: str) -> AbuseReport:
        target = target.strip().lower().rstrip(".")
        if category not in CATEGORIES:
            category = "other"
        try:
            resolved = socket.gethostbyname(target)
        except socket.gaierror:
            resolved = None
        domain = await self._domains.get_by_name(target)
        report = await self._reports.add(AbuseReport(
            domain_id=domain.id if domain else None, target=target, reporter_email=reporter_email,
            category=category, details=details[:10_000], resolved_ip=resolved,
        ))
        await self._session.commit()
        log.info("abuse report %s for %s (%s)", report.id, target, category)
        return report

    async def triage(self, report: AbuseReport) -> list[str]:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(report.target, None, type=socket.SOCK_STREAM)
        except socket.gaierror:
            return []
        addrs = sorted({info[4][0] for info in infos})
        return [a for a in addrs if not ipaddress.ip_address(a).is_private]

    async def history(self, reporter_email: str) -> list[AbuseReport]:
        return await self._reports.list_by_reporter(reporter_email)
