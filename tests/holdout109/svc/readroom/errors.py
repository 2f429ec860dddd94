from __future__ import annotations


class ReadroomError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(ReadroomError):
    status_code = 404
    code = "not_found"


class StudyNotFound(NotFound):
    code = "study_not_found"


class ReportNotFound(NotFound):
    code = "report_not_found"


class OrderNotFound(NotFound):
    code = "order_not_found"


class Conflict(ReadroomError):
    status_code = 409
    code = "conflict"


class StudyAlreadyClaimed(Conflict):
    code = "study_already_claimed"


class InvalidReportState(Conflict):
    code = "invalid_report_state"


class ValidationFailed(ReadroomError):
    status_code = 422
    code = "validation_failed"


class HL7ParseError(ValidationFailed):
    code = "hl7_parse_error"


class Unauthorized(ReadroomError):
    status_code = 401
    code = "unauthorized"


class Forbidden(ReadroomError):
    status_code = 403
    code = "forbidden"


class RateLimited(ReadroomError):
    status_code = 429
    code = "rate_limited"


class UpstreamError(ReadroomError):
    status_code = 502
    code = "upstream_error"


class TranscriptionError(UpstreamError):
    code = "transcription_failed"


class DistributionError(UpstreamError):
    code = "distribution_failed"


class PacsError(UpstreamError):
    code = "pacs_error"


class CircuitOpen(UpstreamError):
    status_code = 503
    code = "circuit_open"
