"""Errors of the mirror service."""


class MirrorError(Exception):
    """Base of the service's errors."""


class UpstreamError(MirrorError):
    """A remote service failed or answered with an error."""


class NotFoundError(MirrorError):
    """A row that should exist does not."""
