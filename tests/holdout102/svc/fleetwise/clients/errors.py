from __future__ import annotations


class UpstreamError(Exception):
    """An external dependency failed or answered with something unusable."""

    def __init__(self, service: str, detail: str) -> None:
        super().__init__(f"{service}: {detail}")
        self.service = service
        self.detail = detail


class CircuitOpenError(UpstreamError):
    pass
