from __future__ import annotations

import asyncio
import logging
import uuid

from seqcore.errors import Conflict, StorageError
from seqcore.infra.storage import ObjectStore
from seqcore.repositories.deliveries import DeliveryRepository
from seqcore.repositories.labs import LabRepository
from seqcore.repositories.samples import SampleRepository
from seqcore.schemas import DeliveryOut
from seqcore.services.audit import AuditLog
from seqcore.settings import Settings
from seqcore.utils.timefmt import expires_in

logger = logging.getLogger(__name__)


class DeliveryService:
    def __init__(self, labs: LabRepository, samples: SampleRepository, deliveries: DeliveryRepository,
                 store: ObjectStore, audit: AuditLog, settings: Settings) -> None:
        self._labs = labs
        self._samples = samples
        self._deliveries = deliveries
        self._store = store
        self._audit = audit
        self._settings = settings

    async def _copy_one(self, key: str, bucket: str, prefix: str) -> str:
        dst_key = prefix + key.rsplit("/", 1)[-1]
        try:
            await self._store.copy(self._settings.run_bucket, key, bucket, dst_key)
        except StorageError:
            logger.error("copy failed")
            raise
        return dst_key

    async def deliver_run(self, lab_id: uuid.UUID, run_id: uuid.UUID) -> DeliveryOut:
        lab = await self._labs.get(lab_id)
        samples = await self._samples.list_for_lab(lab_id, status="sequenced", limit=5000)
        if not samples:
            raise Conflict("no sequenced samples to deliver")
        keys: list[str] = []
        for sample in samples:
            keys.extend(await self._deliveries.object_keys_for_sample(run_id, sample.name))
        bucket = lab.delivery_bucket or self._settings.delivery_bucket
        prefix = f"{lab_id}/{run_id}/"
        copied = await asyncio.gather(*(self._copy_one(key, bucket, prefix) for key in keys))
        ttl = self._settings.signed_url_ttl_s
        urls = [self._store.presign_get(bucket, key, ttl) for key in copied]
        delivery = await self._deliveries.create(lab_id, run_id, bucket, prefix, expires_in(ttl))
        self._audit.record("delivery.created", delivery_id=str(delivery.id), objects=len(copied))
        return DeliveryOut(id=delivery.id, lab_id=lab_id, run_id=run_id, urls=urls, expires_at=delivery.expires_at)

    async def refresh_urls(self, lab_id: uuid.UUID, run_id: uuid.UUID) -> list[str]:
        outputs = await self._deliveries.object_keys_for_run(run_id)
        deliveries = [d for d in await self._deliveries.list_for_lab(lab_id) if d.run_id == run_id]
        if not deliveries:
            raise Conflict("run was never delivered to this lab")
        current = deliveries[0]
        ttl = self._settings.signed_url_ttl_s
        return [
            self._store.presign_get(current.bucket, current.prefix + key.rsplit("/", 1)[-1], ttl)
            for keys in outputs.values()
            for key in keys
        ]
