"""First notice of loss: validation, SLA assignment and persistence."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import UTC, datetime, timedelta

import asyncpg
import pandas as pd

from svc.clients.external import CatastropheClient, PolicyAdminClient, verify_address
from svc.config import Settings
from svc.db.models import Policy
from svc.errors import PolicyInactiveError
from svc.realtime.hub import ClaimStatusHub
from svc.repositories.claims import ClaimsRepository
from svc.schemas import ClaimCreated, ClaimSubmission, ImportSummary
from svc.services.fraud_scoring import FraudScoringService

logger = logging.getLogger(__name__)

STANDARD_SLA = timedelta(hours=72)
CATASTROPHE_SLA = timedelta(hours=24)
_IMPORT_COLUMNS = ("policy_number", "loss_type", "incident_date", "amount_claimed_cents", "claimant_email", "external_ref")


class ClaimIntakeService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        claims: ClaimsRepository,
        policy_admin: PolicyAdminClient,
        catastrophe: CatastropheClient,
        fraud_scoring: FraudScoringService,
        hub: ClaimStatusHub,
        settings: Settings,
    ) -> None:
        self._pool = pool
        self._claims = claims
        self._policy_admin = policy_admin
        self._catastrophe = catastrophe
        self._fraud_scoring = fraud_scoring
        self._hub = hub
        self._settings = settings
        self._background: set[asyncio.Task[None]] = set()

    async def submit(self, payload: ClaimSubmission, policy: Policy) -> ClaimCreated:
        if payload.external_ref:
            existing = await self._claims.find_by_external_ref(payload.external_ref)
            if existing is not None:
                return ClaimCreated(id=existing["id"], claim_number=existing["claim_number"], duplicate=True)

        snapshot = await self._policy_admin.snapshot(policy.policy_number)
        if not snapshot.active_on(payload.incident_date):
            raise PolicyInactiveError(f"policy {policy.policy_number} not active on {payload.incident_date}")

        events = await self._catastrophe.active_events(policy.region, payload.incident_date)
        verdict = await verify_address(self._settings.address_api_url, payload.loss_address)
        sla = CATASTROPHE_SLA if events or verdict.flood_zone else STANDARD_SLA

        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            async with conn.transaction():
                row = await self._claims.insert(
                    conn,
                    policy_id=policy.id,
                    loss_type=payload.loss_type,
                    description=payload.description,
                    incident_date=payload.incident_date,
                    amount_claimed_cents=payload.amount_claimed_cents,
                    claimant_email=str(payload.claimant_email),
                    external_ref=payload.external_ref,
                    sla_due_at=datetime.now(UTC) + sla,
                )
                await conn.execute(
                    "INSERT INTO outbox (topic, payload) VALUES ('claims.submitted', $1)",
                    f'{{"claim_id": {row["id"]}}}',
                )

        asyncio.create_task(self._fraud_scoring.score_claim(row["id"]))
        task = asyncio.create_task(self._hub.publish_status(row["id"], "submitted", region=policy.region))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        logger.info("claim %s submitted on policy %s", row["claim_number"], policy.policy_number)
        return ClaimCreated(id=row["id"], claim_number=row["claim_number"])

    async def import_bordereau(self, raw: bytes, broker_id: int) -> ImportSummary:
        """Stage a broker's monthly bordereau (CSV) for the overnight matcher."""
        frame = pd.read_csv(io.BytesIO(raw), usecols=list(_IMPORT_COLUMNS), parse_dates=["incident_date"])
        received = len(frame)
        frame = frame.dropna(subset=["policy_number", "amount_claimed_cents"])
        records = [
            (broker_id, r.policy_number, r.loss_type, r.incident_date.date(), int(r.amount_claimed_cents), r.claimant_email, r.external_ref)
            for r in frame.itertuples(index=False)
        ]
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            await conn.copy_records_to_table(
                "claim_import_staging",
                records=records,
                columns=["broker_id", *_IMPORT_COLUMNS],
            )
        return ImportSummary(rows_received=received, rows_staged=len(records), rows_rejected=received - len(records))
