"""Domain errors raised by services and translated to HTTP responses in api.middleware."""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "", **details: Any) -> None:
        super().__init__(message or self.code)
        self.details = details


class NotFound(DomainError):
    status_code = 404
    code = "not_found"

    def __init__(self, kind: str, ident: object) -> None:
        super().__init__(f"{kind} {ident} not found", kind=kind, id=ident)


class MatterClosed(DomainError):
    status_code = 409
    code = "matter_closed"

    def __init__(self, matter_id: int) -> None:
        super().__init__(f"matter {matter_id} is closed", matter_id=matter_id)


class ConflictDetected(DomainError):
    status_code = 409
    code = "conflict_of_interest"


class EntryLocked(DomainError):
    status_code = 409
    code = "entry_locked"


class NothingToBill(DomainError):
    status_code = 422
    code = "nothing_to_bill"

    def __init__(self, client_id: int) -> None:
        super().__init__(f"no approved unbilled time for client {client_id}", client_id=client_id)


class QuotaExceeded(DomainError):
    status_code = 429
    code = "quota_exceeded"


class FilingError(DomainError):
    status_code = 502
    code = "filing_failed"


class DeliveryError(Exception):
    """A reminder could not be delivered on its channel."""
