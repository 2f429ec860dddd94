"""Critical-value notification: SMS to the clinic on-call, voice call if SMS is unavailable."""
from __future__ import annotations

import logging
from typing import Any

from ..clients.sms import SmsClient, SmsError, VoiceClient
from ..db.pg import connection
from ..metrics import CRITICAL_ALERTS
from ..utils.circuit import CircuitOpen

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4


class CriticalAlertService:
    def __init__(self, sms: SmsClient, voice: VoiceClient) -> None:
        self.sms = sms
        self.voice = voice

    def _script(self, alert: dict[str, Any]) -> str:
        return (
            f"Critical result for accession {alert['accession_no']}: {alert['analyte']} "
            f"{alert['value_num']} {alert['units'] or ''}. Reply ACK {alert['id']} to acknowledge."
        )

    async def notify(self, alert: dict[str, Any], phone: str) -> str:
        script = self._script(alert)
        try:
            ref = await self.sms.send(phone, script)
            channel = "sms"
        except (SmsError, CircuitOpen) as exc:
            log.warning("sms unavailable for critical alert %s (%s); placing voice call", alert["id"], exc)
            ref = await self.voice.call(phone, script)
            channel = "voice"
        CRITICAL_ALERTS.labels(channel).inc()
        return ref

    async def open_alerts(self, older_than_minutes: int, limit: int = 50) -> list[dict[str, Any]]:
        async with connection() as conn:
            rows = await conn.fetch(
                """
                SELECT a.id, a.clinic_id, a.attempts, r.analyte, r.value_num, r.units, s.accession_no
                FROM critical_alerts a
                JOIN results r ON r.id = a.result_id
                JOIN samples s ON s.id = r.sample_id
                WHERE a.status = 'open' AND a.created_at < now() - make_interval(mins => $1)
                ORDER BY a.created_at LIMIT $2
                """,
                older_than_minutes, limit,
            )
        return [dict(r) for r in rows]

    async def escalate(self, alert: dict[str, Any], phone: str | None) -> None:
        async with connection() as conn:
            if alert["attempts"] >= MAX_ATTEMPTS or phone is None:
                await conn.execute("UPDATE critical_alerts SET status = 'unreachable' WHERE id = $1", alert["id"])
                log.error("critical alert %s unreachable after %d attempts; notify lab supervisor", alert["id"], alert["attempts"])
                CRITICAL_ALERTS.labels("unreachable").inc()
                return
            await conn.execute("UPDATE critical_alerts SET attempts = attempts + 1 WHERE id = $1", alert["id"])
        try:
            await self.notify(alert, phone)
        except Exception:
            log.exception("escalation of critical alert %s failed; will retry next sweep", alert["id"])

    async def acknowledge(self, alert_id: int, by: str) -> bool:
        async with connection() as conn:
            result = await conn.execute(
                "UPDATE critical_alerts SET status = 'acknowledged', acknowledged_by = $2 WHERE id = $1 AND status = 'open'",
                alert_id, by,
            )
        return result.endswith(" 1")
