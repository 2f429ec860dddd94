from __future__ import annotations

from typing import Any


class ClaimsError(Exception):
    """Base class for every domain error; mapped to a JSON response in main."""

    status_code = 400
    code = "claims_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_payload(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class NotFoundError(ClaimsError):
    status_code = 404
    code = "not_found"


class PolicyNotFoundError(NotFoundError):
    code = "policy_not_found"


class ClaimNotFoundError(NotFoundError):
    code = "claim_not_found"


class AdjusterNotFoundError(NotFoundError):
    code = "adjuster_not_found"


class DuplicateClaimError(ClaimsError):
    status_code, code = 409, "duplicate_claim"


class InvalidClaimStateError(ClaimsError):
    status_code, code = 409, "invalid_claim_state"


class PolicyInactiveError(ClaimsError):
    status_code, code = 422, "policy_inactive"


class NoAdjusterAvailableError(ClaimsError):
    status_code, code = 503, "no_adjuster_available"


class UploadTooLargeError(ClaimsError):
    status_code, code = 413, "upload_too_large"


class InfectedDocumentError(ClaimsError):
    status_code, code = 422, "document_rejected"


class PayoutError(ClaimsError):
    status_code, code = 502, "payout_failed"


class UpstreamUnavailableError(ClaimsError):
    status_code, code = 503, "upstream_unavailable"
