from __future__ import annotations

from typing import Any, Optional

import httpx
import structlog

from pulsewatch.config import Settings
from pulsewatch.errors import DeliveryFailed

log = structlog.get_logger(__name__)

_COLORS = {"down": "#d93f0b", "up": "#2da44e", "degraded": "#fbca04", "maintenance": "#0366d6"}


def incident_blocks(title: str, status: str, url: str, details: Optional[str] = None) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": title[:150]}},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*Status:* {status}"},
                {"type": "mrkdwn", "text": f"<{url}|Open in Pulsewatch>"},
            ],
        },
    ]
    if details:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": details[:2000]}]})
    return blocks


class SlackClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.slack_api_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def post_message(self, token: str, channel: str, title: str, status: str, url: str, details: Optional[str] = None) -> str:
        response = await self._http.post(
            "/chat.postMessage",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "channel": channel,
                "text": title,
                "attachments": [{"color": _COLORS.get(status, "#6a737d"), "blocks": incident_blocks(title, status, url, details)}],
            },
        )
        data = response.json()
        if not data.get("ok"):
            raise DeliveryFailed("slack rejected message", details={"error": data.get("error")})
        return data["ts"]

    async def post_incoming_webhook(self, webhook_url: str, title: str, status: str, url: str) -> None:
        response = await self._http.post(
            webhook_url,
            json={"text": title, "attachments": [{"color": _COLORS.get(status, "#6a737d"), "blocks": incident_blocks(title, status, url)}]},
        )
        if response.status_code >= 400:
            raise DeliveryFailed("slack webhook rejected", details={"status": response.status_code})
