from __future__ import annotations


class DomainError(Exception):
    status_code = 400


class NotFound(DomainError):
    status_code = 404


class CourseFull(DomainError):
    status_code = 409


class AlreadyEnrolled(DomainError):
    status_code = 409


class PaymentRejected(DomainError):
    status_code = 402
