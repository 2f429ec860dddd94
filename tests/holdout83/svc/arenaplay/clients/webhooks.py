from __future__ import annotations

import requests

from arenaplay.settings import get_settings


def format_escalation(report_id: int, accused: str, reason: str, confidence: float) -> dict:
    return {
        "content": None,
        "embeds": [
            {
                "title": f"Report #{report_id} escalated",
                "description": f"**{accused}** flagged for {reason} ({confidence:.0%} confidence)",
                "color": 0xE74C3C,
            }
        ],
    }


def post_moderation_alert(payload: dict) -> int:
    url = get_settings().discord_webhook_url
    if not url:
        return 0
    resp = requests.post(url, json=payload)
    return resp.status_code


def notify_escalation(report_id: int, accused: str, reason: str, confidence: float) -> int:
    return post_moderation_alert(format_escalation(report_id, accused, reason, confidence))
