class DomainError(Exception):
    status_code = 400


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class UpstreamUnavailable(DomainError):
    status_code = 503


class CreditPullFailed(UpstreamUnavailable):
    pass
