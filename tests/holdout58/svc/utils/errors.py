from __future__ import annotations


class FleetError(Exception):
    """Base class for domain errors surfaced to API callers."""


class DeviceNotFound(FleetError):
    def __init__(self, device_id: str) -> None:
        super().__init__(f"device {device_id} not found")
        self.device_id = device_id


class CampaignNotFound(FleetError):
    def __init__(self, campaign_id: str) -> None:
        super().__init__(f"campaign {campaign_id} not found")
        self.campaign_id = campaign_id


class ShadowConflict(FleetError):
    pass


class CAError(FleetError):
    pass


class NotificationError(FleetError):
    pass


class RateLimited(FleetError):
    pass
