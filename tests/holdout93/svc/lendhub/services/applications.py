from __future__ import annotations

import asyncio
import json
import secrets
from decimal import Decimal
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.pubsub import publish_borrower_status, publish_pipeline_event
from ..models import Application, Borrower
from ..repositories import ApplicationRepository, BorrowerRepository, ConditionRepository
from ..utils.crypto import ssn_token
from .errors import NotFound

SSN_SALT = b"lendhub-ssn-v2"
PIPELINE_STATUSES = ("started", "submitted", "processing", "underwriting", "approved", "clear_to_close")


class ApplicationService:
    def __init__(self, session: AsyncSession, redis_client: redis.Redis) -> None:
        self.session = session
        self.redis = redis_client
        self.apps = ApplicationRepository(session)
        self.borrowers = BorrowerRepository(session)
        self.conditions = ConditionRepository(session)

    async def create(self, officer_id: int, payload: dict[str, Any]) -> Application:
        app = Application(
            loan_number=f"LH{secrets.randbelow(10**10):010d}",
            loan_officer_id=officer_id,
            loan_purpose=payload["loan_purpose"],
            loan_amount=Decimal(str(payload["loan_amount"])),
            property_value=Decimal(str(payload["property_value"])),
            property_state=payload["property_state"],
            occupancy=payload.get("occupancy", "primary"),
        )
        await self.apps.add(app)
        primary = payload["borrower"]
        await self.borrowers.add(
            Borrower(
                application_id=app.id,
                role="primary",
                first_name=primary["first_name"],
                last_name=primary["last_name"],
                email=primary["email"].lower(),
                ssn_token=ssn_token(primary["ssn"], SSN_SALT),
                monthly_income=Decimal(str(primary.get("monthly_income", 0))),
            )
        )
        await self.session.commit()
        publish_pipeline_event(self.redis, officer_id, {"type": "created", "application_id": app.id})
        return app

    async def add_co_borrower(self, application_id: int, data: dict[str, Any]) -> Borrower:
        if await self.apps.get(application_id) is None:
            raise NotFound(f"application {application_id}")
        token = await asyncio.to_thread(ssn_token, data["ssn"], SSN_SALT)
        borrower = await self.borrowers.add(
            Borrower(
                application_id=application_id,
                role="co_borrower",
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"].lower(),
                ssn_token=token,
                monthly_income=Decimal(str(data.get("monthly_income", 0))),
            )
        )
        await self.session.commit()
        return borrower

    async def advance_status(self, application_id: int, status: str) -> None:
        app = await self.apps.get(application_id)
        if app is None:
            raise NotFound(f"application {application_id}")
        await self.apps.set_status(application_id, status)
        await self.session.commit()
        await publish_borrower_status(self.redis, application_id, status)
        await publish_pipeline_event(
            self.redis, app.loan_officer_id, {"type": "status", "application_id": application_id, "status": status}
        )

    async def pipeline_summary(self, officer_id: int) -> dict[str, Any]:
        key = "pipeline:summary"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        apps = await self.apps.pipeline_for_officer(officer_id, PIPELINE_STATUSES)
        counts = await self.conditions.open_counts([a.id for a in apps])
        summary = {
            "officer_id": officer_id,
            "loans": [
                {
                    "id": a.id,
                    "loan_number": a.loan_number,
                    "status": a.status,
                    "borrowers": [f"{b.first_name} {b.last_name}" for b in a.borrowers],
                    "open_conditions": counts.get(a.id, 0),
                }
                for a in apps
            ],
        }
        await self.redis.set(key, json.dumps(summary), ex=60)
        return summary
