from __future__ import annotations

from typing import Sequence
from uuid import UUID

from homegrid.errors import NotFound
from homegrid.models import Campaign, FirmwareImage
from homegrid.db.pool import Repository


class FirmwareRepository(Repository):
    async def create_image(
        self, model: str, version: str, sha256: str, url: str, signature: str
    ) -> FirmwareImage:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                INSERT INTO firmware_images (model, version, sha256, url, signature)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (model, version) DO UPDATE SET sha256 = EXCLUDED.sha256,
                    url = EXCLUDED.url, signature = EXCLUDED.signature
                RETURNING id, model, version, sha256, url, signature
                """,
                model, version, sha256, url, signature,
            )
        return FirmwareImage(**dict(row))

    async def get_image(self, image_id: UUID) -> FirmwareImage:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, model, version, sha256, url, signature FROM firmware_images WHERE id = $1",
                image_id,
            )
        if row is None:
            raise NotFound("firmware image not found")
        return FirmwareImage(**dict(row))

    async def create_campaign(self, image_id: UUID, batch_size: int) -> Campaign:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                INSERT INTO firmware_campaigns (image_id, batch_size) VALUES ($1, $2)
                RETURNING id, image_id, status, batch_size
                """,
                image_id, batch_size,
            )
        return Campaign(**dict(row))

    async def get_campaign(self, campaign_id: UUID) -> Campaign:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, image_id, status, batch_size FROM firmware_campaigns WHERE id = $1",
                campaign_id,
            )
        if row is None:
            raise NotFound("campaign not found")
        return Campaign(**dict(row))

    async def active_campaigns(self) -> list[Campaign]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, image_id, status, batch_size FROM firmware_campaigns WHERE status = 'running'"
            )
        return [Campaign(**dict(r)) for r in rows]

    async def set_campaign_status(self, campaign_id: UUID, status: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE firmware_campaigns SET status = $2 WHERE id = $1", campaign_id, status
            )

    async def add_jobs(self, campaign_id: UUID, device_ids: Sequence[UUID]) -> int:
        async with self.db.connection() as conn:
            result = await conn.execute(
                """
                INSERT INTO firmware_jobs (campaign_id, device_id)
                SELECT $1, unnest($2::uuid[])
                ON CONFLICT (campaign_id, device_id) DO NOTHING
                """,
                campaign_id, list(device_ids),
            )
        return int(result.split()[-1])

    async def claim_jobs(self, campaign_id: UUID, limit: int) -> list[tuple[UUID, UUID]]:
        async with self.db.transaction() as conn:
            rows = await conn.fetch(
                """
                UPDATE firmware_jobs SET status = 'dispatched', attempts = attempts + 1, updated_at = now()
                WHERE id IN (
                    SELECT id FROM firmware_jobs
                    WHERE campaign_id = $1 AND status = 'queued'
                    ORDER BY id LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING id, device_id
                """,
                campaign_id, limit,
            )
        return [(r["id"], r["device_id"]) for r in rows]

    async def finish_job(self, job_id: UUID, status: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE firmware_jobs SET status = $2, updated_at = now() WHERE id = $1", job_id, status
            )

    async def remaining(self, campaign_id: UUID) -> int:
        async with self.db.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM firmware_jobs WHERE campaign_id = $1 AND status = 'queued'",
                campaign_id,
            )

    async def progress(self, campaign_id: UUID) -> dict[str, int]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                "SELECT status, count(*) AS n FROM firmware_jobs WHERE campaign_id = $1 GROUP BY status",
                campaign_id,
            )
        return {r["status"]: int(r["n"]) for r in rows}
