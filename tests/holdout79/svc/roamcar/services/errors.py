"""Domain errors raised by the services and mapped to HTTP responses in main.create_app."""
from __future__ import annotations


class ServiceError(Exception):
    status_code = 400
    code = "service_error"


class NotFound(ServiceError):
    status_code = 404
    code = "not_found"


class ReservationNotFound(NotFound):
    code = "reservation_not_found"


class InspectionNotFound(NotFound):
    code = "inspection_not_found"


class UnknownBranch(NotFound):
    code = "unknown_branch"


class UnknownVehicleClass(ServiceError):
    code = "unknown_vehicle_class"


class NoAvailability(ServiceError):
    status_code = 409
    code = "no_availability"


class SlotTaken(ServiceError):
    status_code = 409
    code = "slot_taken"


class QuoteExpired(ServiceError):
    status_code = 410
    code = "quote_expired"


class CannotCancel(ServiceError):
    status_code = 409
    code = "cannot_cancel"


class InvalidExtension(ServiceError):
    code = "invalid_extension"


class LicenceNotVerified(ServiceError):
    status_code = 403
    code = "licence_not_verified"


class UnlockNotAllowed(ServiceError):
    status_code = 403
    code = "unlock_not_allowed"


class TooManyAttempts(ServiceError):
    status_code = 429
    code = "too_many_attempts"


class OneWayNotOffered(ServiceError):
    status_code = 422
    code = "one_way_not_offered"
