"""Shared retry policy for outbound calls."""
from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


def transient_retry(attempts: int = 3):  # noqa: ANN201 - returns a tenacity decorator
    return retry(
        reraise=True,
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(httpx.TransportError),
    )


def logged(func):  # noqa: ANN001, ANN201 - a wrapper whose signature is unknown
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return func(*args, **kwargs)
    return wrapper
