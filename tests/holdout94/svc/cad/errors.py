from __future__ import annotations


class CadError(Exception):
    """Base class for domain errors."""


class NotFound(CadError):
    pass


class UnitUnavailable(CadError):
    pass


class GeocodeError(CadError):
    pass


class MutualAidError(CadError):
    pass


class FeedError(CadError):
    pass


class AuthError(CadError):
    pass
