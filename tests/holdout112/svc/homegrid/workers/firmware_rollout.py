"""python -m homegrid.workers.firmware_rollout"""
from __future__ import annotations

import asyncio
from uuid import UUID

import structlog

from homegrid.clients.mqtt_bridge import BridgeError
from homegrid.container import Container
from homegrid.models import Device
from homegrid.models import FirmwareImage
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

CONCURRENCY = 25


async def push_update(container: Container, image: FirmwareImage, job_id: UUID, device: Device) -> None:
    payload = {
        "url": image.url, "sha256": image.sha256, "signature": image.signature, "version": image.version,
    }
    try:
        await container.bridge.publish(device.mqtt_client_id, f"homegrid/{device.kind.value}/{device.mqtt_client_id}/ota", payload)
        await container.firmware_repo.finish_job(job_id, "sent")
    except BridgeError as exc:
        log.warning("ota_publish_failed", device_id=str(device.id), error=str(exc))
        await container.firmware_repo.finish_job(job_id, "queued")


async def run_campaign_batch(container: Container, campaign_id: UUID) -> int:
    campaign = await container.firmware_repo.get_campaign(campaign_id)
    image = await container.firmware_repo.get_image(campaign.image_id)
    jobs = await container.firmware_repo.claim_jobs(campaign.id, campaign.batch_size)
    devices = await container.devices.get_many([d for _, d in jobs])
    slots = asyncio.Semaphore(CONCURRENCY)

    async def _bounded(job_id: UUID, device: Device) -> None:
        async with slots:
            await push_update(container, image, job_id, device)

    await asyncio.gather(*(_bounded(j, devices[d]) for j, d in jobs if d in devices))
    if not jobs and await container.firmware_repo.remaining(campaign.id) == 0:
        await container.firmware_repo.set_campaign_status(campaign.id, "completed")
    return len(jobs)


async def rollout(container: Container, stopper: Stopper) -> None:
    while not stopper.stopping:
        try:
            for campaign in await container.firmware_repo.active_campaigns():
                await run_campaign_batch(container, campaign.id)
        except:
            log.warning("rollout_cycle_failed")
        await stopper.sleep(60)


if __name__ == "__main__":
    run_worker(rollout)
