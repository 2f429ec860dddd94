from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "domain_error"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class DeadlinePassed(DomainError):
    status = 422
    code = "deadline_passed"


class StorageError(DomainError):
    status = 502
    code = "storage_error"


class PlagiarismError(DomainError):
    status = 502
    code = "plagiarism_error"


class MailError(DomainError):
    status = 502
    code = "mail_error"


class PaymentError(DomainError):
    status = 402
    code = "payment_error"


class CameraReadyError(DomainError):
    status = 422
    code = "camera_ready_invalid"
