"""Driver messaging (push, SMS, e-mail) and fleet operator webhooks."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.db.models import ChargingSession, Driver
from svc.db.repositories.drivers import DriverRepository
from svc.errors import UpstreamError
from svc.utils.timeutil import isoformat_z

log = logging.getLogger(__name__)


def _raise_for_status(resp: httpx.Response) -> None:
    if resp.status_code >= 400:
        raise UpstreamError(f"notification provider returned {resp.status_code}")


class NotificationClient:
    """Thin client over the messaging provider; the ``httpx.AsyncClient`` is shared and owned by the app."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.2, max=2.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def send_sms(self, phone: str, text: str) -> None:
        resp = await self._http.post("/sms", json={"to": phone, "text": text[:480]})
        _raise_for_status(resp)

    async def send_push(self, driver_id: int, title: str, body: str, **data: str) -> None:
        try:
            resp = await self._http.post(
                "/push", json={"user": str(driver_id), "title": title, "body": body, "data": data}
            )
        except httpx.HTTPError as exc:
            raise UpstreamError(f"push delivery failed: {exc}") from exc
        _raise_for_status(resp)


class NotificationService:
    def __init__(self, client: NotificationClient) -> None:
        self._client = client

    async def send_sms(self, phone: str, text: str) -> None:
        await self._client.send_sms(phone, text)

    async def notify_driver(self, driver: Driver, title: str, body: str, **data: str) -> None:
        """Push to the app; fall back to SMS when push delivery fails."""
        try:
            await self._client.send_push(driver.id, title, body, **data)
        except UpstreamError as exc:
            if not driver.phone:
                log.warning("push to driver %s failed and no phone on file: %s", driver.id, exc)
                return
            log.info("push to driver %s failed (%s); falling back to SMS", driver.id, exc)
            await self._client.send_sms(driver.phone, f"{title}: {body}")


class FleetWebhookService:
    """Notifies fleet operators' endpoints when one of their drivers finishes a session."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def session_completed(self, session: ChargingSession) -> None:
        if session.driver_id is None:
            return
        async with self._session_factory() as db:
            hooks = await DriverRepository(db).list_fleet_webhooks(session.driver_id)
        if not hooks:
            return
        body = json.dumps(_session_event(session), separators=(",", ":"))
        for hook in hooks:
            signature = hmac.new(hook.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
            async with httpx.AsyncClient(timeout=5.0) as client:
                try:
                    resp = await client.post(
                        hook.url,
                        content=body,
                        headers={"Content-Type": "application/json", "X-EVC-Signature": signature},
                    )
                    resp.raise_for_status()
                except httpx.HTTPError as exc:
                    log.warning("fleet webhook %s failed: %s", hook.id, exc)


def _session_event(session: ChargingSession) -> dict[str, Any]:
    return {
        "type": "session.completed",
        "session_id": session.id,
        "driver_id": session.driver_id,
        "chargepoint_id": session.chargepoint_id,
        "energy_wh": (session.meter_stop_wh or session.meter_start_wh) - session.meter_start_wh,
        "cost_cents": session.cost_cents,
        "stopped_at": isoformat_z(session.stopped_at) if session.stopped_at else None,
    }
