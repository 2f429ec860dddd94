"""Telemetry storage (stub)."""


class TelemetryRepo:
    async def history_before(self, device_id, cursor, limit):
        return []

    async def device(self, device_id):
        return None
