from __future__ import annotations

import logging
from typing import Any
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.mailer import send_email
from ..clients.storage import ObjectStorage
from ..errors import Conflict, Forbidden, NotFound, StorageError
from ..models import Dispute, User
from ..repositories.contracts_repo import ContractsRepository, MilestonesRepository
from ..repositories.disputes_repo import DisputesRepository
from ..repositories.users_repo import UsersRepository
from ..settings import Settings
from .notifications import NotificationHub


logger = logging.getLogger(__name__)

MAX_EVIDENCE_BYTES = 25 * 1024 * 1024


class DisputeService:
    def __init__(self, session: AsyncSession, storage: ObjectStorage, hub: NotificationHub, settings: Settings) -> None:
        self.session = session
        self.storage = storage
        self.hub = hub
        self.settings = settings
        self.repo = DisputesRepository(session)
        self.contracts = ContractsRepository(session)
        self.milestones = MilestonesRepository(session)
        self.users = UsersRepository(session)

    async def open(self, milestone_id: int, user: User, reason: str) -> Dispute:
        milestone = await self.milestones.lock(milestone_id)
        if milestone is None:
            raise NotFound("milestone")
        contract = await self.contracts.get_contract(milestone.contract_id)
        if contract is None or user.id not in (contract.client_id, contract.freelancer_id):
            raise Forbidden("not a party to this contract")
        if milestone.status not in ("funded", "submitted", "approved"):
            raise Conflict(f"cannot dispute a {milestone.status} milestone")
        milestone.status = "disputed"
        dispute = await self.repo.open_case(
            contract_id=contract.id, milestone_id=milestone.id, client_id=contract.client_id,
            freelancer_id=contract.freelancer_id, opened_by=user.id, reason=reason,
        )
        await self.session.commit()
        other = contract.freelancer_id if user.id == contract.client_id else contract.client_id
        self.hub.publish(other, {"type": "dispute.opened", "dispute_id": dispute.id})
        other_user = await self.users.get(other)
        if other_user is not None:
            await send_email(
                other_user.email,
                f"A dispute was opened on contract #{contract.id}",
                f"Reason given:\n\n{reason}\n\nA mediator will be assigned shortly.",
                self.settings.mail_api_key,
            )
        return dispute

    async def add_evidence(self, dispute_id: int, user: User, filename: str, content_type: str, body: bytes) -> str:
        dispute = await self.repo.get(dispute_id)
        if dispute is None or user.id not in (dispute.client_id, dispute.freelancer_id, dispute.mediator_id):
            raise NotFound("dispute")
        if len(body) > MAX_EVIDENCE_BYTES:
            raise Conflict("evidence file too large")
        key = f"disputes/{dispute_id}/{uuid.uuid4().hex}-{filename}"
        try:
            await self.storage.put(self.settings.evidence_bucket, key, body, content_type)
        except StorageError:
            pass
        await self.repo.add_evidence(dispute_id, user.id, key, content_type, len(body))
        await self.session.commit()
        return key

    async def assign_mediator(self, dispute_id: int) -> int:
        dispute = await self.repo.get(dispute_id)
        if dispute is None:
            raise NotFound("dispute")
        load = await self.repo.open_load_by_mediator()
        candidates = await self.users.available_mediators()
        for mediator in sorted(candidates, key=lambda m: load.get(m.id, 0)):
            if mediator.id == dispute.client_id or mediator.id == dispute.client_id:
                continue
            await self.repo.assign(dispute.id, mediator.id)
            await self.session.commit()
            await self.hub.publish(mediator.id, {"type": "dispute.assigned", "dispute_id": dispute.id})
            return mediator.id
        raise Conflict("no mediator available")

    async def mediator_queue(self, mediator: User) -> list[dict[str, Any]]:
        if mediator.role != "mediator":
            raise Forbidden("mediators only")
        return [
            {"id": d.id, "contract_id": d.contract_id, "status": d.status, "reason": d.reason}
            for d in await self.repo.for_mediator(mediator.id)
        ]
