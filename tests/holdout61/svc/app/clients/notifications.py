from __future__ import annotations

import logging

import httpx

from app.config import get_settings

log = logging.getLogger(__name__)


class PushNotifier:
    """Sends mobile push notifications through the internal push gateway."""

    def __init__(self, base_url: str | None = None) -> None:
        self._base_url = base_url or get_settings().push_service_url

    async def notify_employee(self, employee_id: int, title: str, body: str) -> bool:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=5.0) as client:
            resp = await client.post(
                "/v1/push",
                json={"audience": {"employee_id": employee_id}, "title": title, "body": body},
            )
        if resp.is_error:
            log.warning("push to employee %s failed: %s", employee_id, resp.status_code)
            return False
        return True
