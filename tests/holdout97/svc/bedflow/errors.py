from __future__ import annotations


class BedflowError(Exception):
    status_code = 400


class NotFound(BedflowError):
    status_code = 404


class Conflict(BedflowError):
    status_code = 409


class UnknownWard(NotFound):
    pass


class BedUnavailable(Conflict):
    pass


class HoldExpired(Conflict):
    pass


class UpstreamError(BedflowError):
    status_code = 502


class InvalidMessage(BedflowError):
    status_code = 422
