from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.clients.hlr_gateway import HlrGatewayClient
from telco.errors import ActivationRejected
from telco.models import Balance, Subscriber
from telco.repositories.subscribers import SubscriberRepository
from telco.services.audit import AuditLog
from telco.services.fraud_screening import FraudScreening
from telco.utils.crypto import derive_activation_code, iccid_fingerprint
from telco.utils.msisdn import normalize_msisdn
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

REVIEW_THRESHOLD = 0.6
DENY_THRESHOLD = 0.9
DEFAULT_SERVICES = ["voice", "sms", "data", "volte"]


@dataclass
class ActivationRequest:
    iccid: str
    imsi: str
    msisdn: str
    account_ref: str
    plan_code: str
    channel: str = "retail"
    client_ip: str | None = None


class ActivationService:
    def __init__(
        self,
        hlr: HlrGatewayClient,
        fraud: FraudScreening,
        session_factory: async_sessionmaker[AsyncSession],
        audit: AuditLog,
        pepper: str,
    ) -> None:
        self._hlr = hlr
        self._fraud = fraud
        self._session_factory = session_factory
        self._audit = audit
        self._pepper = pepper

    async def activate(self, req: ActivationRequest) -> Subscriber:
        msisdn = normalize_msisdn(req.msisdn)
        verdict = await self._fraud.screen_activation(req.iccid, req.account_ref, req.channel, req.client_ip)
        status = "active"
        if verdict.risk >= REVIEW_THRESHOLD:
            status = "review"
        elif verdict.risk >= DENY_THRESHOLD:
            raise ActivationRejected(f"fraud risk {verdict.risk:.2f}")

        async with self._session_factory() as session, session.begin():
            repo = SubscriberRepository(session)
            sim = await repo.claim_sim(req.iccid)
            if sim is None:
                raise ActivationRejected(f"sim {req.iccid} is not available")
            sim.state = "assigned"
            subscriber = await repo.add(Subscriber(
                msisdn=msisdn, imsi=req.imsi, iccid=req.iccid, account_ref=req.account_ref,
                plan_code=req.plan_code, status="pending",
            ))
            session.add(Balance(subscriber_id=subscriber.id, amount_cents=0, reserved_cents=0,
                                data_allowance_kb=0, updated_at=utcnow()))
            ki_ref = sim.ki_ref

        if status == "active":
            await self._hlr.provision_sim(subscriber.imsi, subscriber.msisdn, ki_ref)
        async with self._session_factory() as session, session.begin():
            await SubscriberRepository(session).set_status(subscriber.id, status)
        subscriber.status = status

        fingerprint = iccid_fingerprint(req.iccid, self._pepper)
        await self._audit.record("sim.activated", subscriber_id=subscriber.id, iccid_fp=fingerprint, status=status)
        return subscriber

    async def esim_activation_code(self, eid: str, iccid: str) -> str:
        return await asyncio.to_thread(derive_activation_code, eid, iccid, self._pepper)

    async def bar(self, subscriber_id: int, barred: bool) -> None:
        async with self._session_factory() as session:
            subscriber = await SubscriberRepository(session).get(subscriber_id)
        if subscriber is None:
            raise ActivationRejected(f"unknown subscriber {subscriber_id}")
        await self._hlr.set_barring(subscriber.imsi, barred)
        await self._audit.record("sim.barring", subscriber_id=subscriber_id, barred=barred)
