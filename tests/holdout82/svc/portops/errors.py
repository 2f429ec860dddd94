from __future__ import annotations


class PortOpsError(Exception):
    status_code = 400
    code = "portops_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(PortOpsError):
    status_code = 404
    code = "not_found"


class Conflict(PortOpsError):
    status_code = 409
    code = "conflict"


class UnknownBerthError(NotFound):
    code = "unknown_berth"


class CustomsApiError(PortOpsError):
    status_code = 502
    code = "customs_unavailable"


class UpstreamError(PortOpsError):
    status_code = 502
    code = "upstream_error"


class EdiParseError(PortOpsError):
    status_code = 422
    code = "edi_parse_error"


class GateRejected(PortOpsError):
    status_code = 422
    code = "gate_rejected"
