from __future__ import annotations

import asyncio
import json

import bcrypt
import structlog
from redis.asyncio import Redis

from payflow.errors import Forbidden, RateLimited
from payflow.models import Employee, KioskDevice
from payflow.repositories.people_repo import CompanyRepository
from payflow.settings import get_settings
from payflow.utils.certs import fingerprint, issued_by_bundle, load_ca_bundle

log = structlog.get_logger(__name__)

PIN_ATTEMPT_LIMIT = 5
PIN_WINDOW_SECONDS = 600


class KioskService:
    def __init__(self, companies: CompanyRepository, redis: Redis) -> None:
        self.companies = companies
        self.redis = redis
        self.settings = get_settings()

    async def authenticate_device(self, serial: str, cert_pem: str) -> KioskDevice:
        device = await self.companies.device_by_serial(serial)
        if device is None or not device.enabled:
            raise Forbidden("unknown kiosk")
        bundle = load_ca_bundle(self.settings.kiosk_ca_bundle)
        if not issued_by_bundle(cert_pem, bundle):
            raise Forbidden("kiosk certificate not issued by payflow CA")
        if fingerprint(cert_pem) != device.cert_fingerprint:
            raise Forbidden("kiosk certificate mismatch")
        return device

    async def verify_pin(self, device: KioskDevice, employee: Employee, pin: str) -> None:
        key = f"kiosk:pin-attempts:{device.id}:{employee.id}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, PIN_WINDOW_SECONDS, nx=True)
            attempts, _ = await pipe.execute()
        if attempts > PIN_ATTEMPT_LIMIT:
            raise RateLimited("too many PIN attempts")
        if employee.kiosk_pin_hash is None or employee.company_id != device.company_id:
            raise Forbidden("employee cannot use this kiosk")
        ok = await asyncio.to_thread(bcrypt.checkpw, pin.encode(), employee.kiosk_pin_hash.encode())
        if not ok:
            raise Forbidden("wrong PIN")
        await self.redis.delete(key)


def parse_kiosk_frame(raw: str) -> dict | None:
    """Kiosk firmware sends JSON frames; older units sometimes send key=value pairs."""
    try:
        return json.loads(raw)
    except:
        pass
    try:
        return dict(part.split("=", 1) for part in raw.split("&") if part)
    except ValueError:
        log.info("kiosk_frame_unparseable", size=len(raw))
        return None
