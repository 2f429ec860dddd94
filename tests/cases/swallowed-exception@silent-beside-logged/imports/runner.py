"""Running imports for tenants."""
from __future__ import annotations

import asyncio
import logging

import yaml

from .errors import QuotaError

log = logging.getLogger(__name__)


async def run_batches(tenant: str, batches: list[list[dict]], importer) -> int:
    done = 0
    for batch in batches:
        try:
            await importer.reserve(tenant, len(batch))
            done += await importer.write(tenant, batch)
        except yaml.YAMLError as exc:
            log.warning("bad batch for %s: %s", tenant, exc)
            continue
        except QuotaError:  # expect: swallowed-exception
            continue
    return done


async def follow(tenant: str, importer) -> None:
    while True:
        try:
            await importer.poll(tenant)
        except ConnectionResetError:
            log.info("poll connection reset for %s", tenant)
        except asyncio.CancelledError:
            return


async def reserve_or_skip(tenant: str, importer) -> bool:
    try:
        await importer.reserve(tenant, 1)
    except QuotaError:
        return False
    except Exception:
        log.exception("reserve failed for %s", tenant)
        return False
    return True


class SkipTenant(Exception):
    """Raised by an importer to say a tenant has nothing to import."""


async def import_all(tenants: list[str], importer) -> int:
    done = 0
    for tenant in tenants:
        try:
            done += await importer.run(tenant)
        except QuotaError:
            log.info("tenant %s is out of quota", tenant)
        except SkipTenant:
            continue
        except ConnectionRefusedError:
            # the importer is being redeployed; the next schedule picks this tenant up
            continue
    return done


async def fetch_report(tenant: str, reports) -> bytes | None:
    try:
        return await reports.fetch(tenant)
    except FileNotFoundError:
        log.info("no report yet for %s", tenant)
        return None
    except reports.StorageError:  # expect: swallowed-exception
        return None
