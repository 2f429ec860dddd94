from __future__ import annotations

import logging
import uuid
from datetime import datetime, timezone
from typing import Any

import httpx
import redis.asyncio as redis

from ..cache.pubsub import publish_borrower_status
from ..clients.appraisal_vendor import VendorRegistry
from ..repositories import AppraisalRepository
from ..utils.fileio import storage_path_for

log = logging.getLogger(__name__)

TERMINAL = {"completed", "cancelled"}


class AppraisalService:
    def __init__(self, vendors: VendorRegistry, redis_client: redis.Redis) -> None:
        self.vendors = vendors
        self.redis = redis_client
        self.repo = AppraisalRepository()

    async def order(self, application_id: int, property_address: dict[str, Any], loan_number: str) -> str:
        vendor = self.vendors.get(self.vendors.preferred)
        body = await vendor.place_order(
            {"loan_number": loan_number, "property": property_address, "product": "1004"},
            idempotency_key=f"{application_id}:{uuid.uuid5(uuid.NAMESPACE_URL, loan_number)}",
        )
        await self.repo.create(application_id, vendor.name, body["order_id"])
        return body["order_id"]

    async def handle_event(self, vendor_name: str, event: dict[str, Any]) -> None:
        at = datetime.fromisoformat(event["occurred_at"]).astimezone(timezone.utc)
        status = event["status"]
        application_id = await self.repo.upsert_event(event["order_id"], status, event.get("value"), at)
        if application_id is None:
            log.warning("appraisal event for unknown order %s from %s", event["order_id"], vendor_name)
            return
        if status == "completed":
            vendor = self.vendors.get(vendor_name)
            try:
                report = await vendor.download_report(event["order_id"])
                path = storage_path_for(application_id, f"appraisal-{event['order_id']}.xml")
                await self.redis.set(f"appraisal:report:{event['order_id']}", str(path), ex=86400)
                log.info("appraisal report %s stored (%d bytes)", event["order_id"], len(report))
            except httpx.HTTPError:
                pass
        await publish_borrower_status(self.redis, application_id, f"appraisal_{status}")
