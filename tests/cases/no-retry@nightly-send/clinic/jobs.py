"""Background loops of the clinic backend."""
import asyncio
import logging

from clinic.exports import AuditShipper, ClaimsUpload, Heartbeat, UsageReport, seconds_until

log = logging.getLogger(__name__)


async def claims_at_two(upload: ClaimsUpload) -> None:
    while True:
        delay = seconds_until(2)
        await asyncio.sleep(delay)
        try:
            await upload.upload(b"id,amount\n")
        except Exception:
            log.exception("claims upload failed")


async def usage_daily(report: UsageReport, audit: AuditShipper) -> None:
    while True:
        await asyncio.sleep(86400)
        try:
            await report.send([])
            await audit.ship([])
        except Exception:
            log.exception("daily exports failed")


async def heartbeat(beats: Heartbeat) -> None:
    while True:
        try:
            await beats.beat("api-1")
        except Exception:
            log.warning("heartbeat failed")
        await asyncio.sleep(20)
