class UpstreamError(Exception):
    """The rate provider failed or answered with a server error."""


class CircuitOpen(UpstreamError):
    """The provider failed repeatedly; calls fail fast for a while."""
