"""Domain exceptions. The application maps them to HTTP responses in ``svc.main``."""
from __future__ import annotations


class AdPlatformError(Exception):
    status_code = 500
    code = "internal_error"


class Unauthorized(AdPlatformError):
    status_code, code = 401, "unauthorized"


class CampaignNotFound(AdPlatformError):
    status_code, code = 404, "campaign_not_found"

    def __init__(self, campaign_id: int) -> None:
        super().__init__(f"campaign {campaign_id} not found")
        self.campaign_id = campaign_id


class CampaignNameTaken(AdPlatformError):
    status_code, code = 409, "campaign_name_taken"


class InvalidStateTransition(AdPlatformError):
    status_code, code = 409, "invalid_state_transition"


class InvalidEvent(AdPlatformError):
    status_code, code = 422, "invalid_event"


class BudgetExhausted(AdPlatformError):
    status_code, code = 409, "budget_exhausted"


class RateLimited(AdPlatformError):
    status_code, code = 429, "rate_limited"
