from __future__ import annotations


class GigError(Exception):
    status_code = 400
    code = "error"


class NotFound(GigError):
    status_code = 404
    code = "not_found"


class Forbidden(GigError):
    status_code = 403
    code = "forbidden"


class Conflict(GigError):
    status_code = 409
    code = "conflict"


class KycError(GigError):
    status_code = 502
    code = "kyc_unavailable"


class PaymentError(GigError):
    status_code = 502
    code = "payment_failed"


class PayoutError(GigError):
    status_code = 502
    code = "payout_failed"


class StorageError(GigError):
    status_code = 502
    code = "storage_failed"


class FxUnavailable(GigError):
    status_code = 503
    code = "fx_unavailable"


class SearchUnavailable(GigError):
    status_code = 503
    code = "search_unavailable"
