"""Domain errors: the service's own base, and a family of model-provider errors."""
from __future__ import annotations


class DocsError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProviderError(DocsError):
    status_code = 502


class ProviderTimeout(ProviderError):
    status_code = 504


class ProviderRateLimited(ProviderError):
    status_code = 429


class UnsupportedUpload(DocsError):
    """Mapped to 415 by its own handler, built with functools.partial."""


class LinkExpired(DocsError):
    """Mapped to 410 by its own handler, built with functools.partial."""


class QuotaSpent(RuntimeError):  # expect: inconsistent-error-handling
    pass
