"""Shared retry and circuit-breaker policies for outbound calls."""
from __future__ import annotations

from datetime import timedelta

import aiohttp
import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

TRANSIENT_HTTPX = (httpx.TransportError, httpx.HTTPStatusError)
TRANSIENT_AIOHTTP = (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError)


def breaker(name: str, *, fail_max: int = 5, reset_after: float = 30.0) -> CircuitBreaker:
    return CircuitBreaker(fail_max=fail_max, timeout_duration=timedelta(seconds=reset_after), name=name)


def http_retry(attempts: int = 3):
    return retry(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(TRANSIENT_HTTPX),
        reraise=True,
    )


def aiohttp_retry(attempts: int = 3):
    return retry(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(TRANSIENT_AIOHTTP),
        reraise=True,
    )


payments_breaker = breaker("payments")
payouts_breaker = breaker("payouts", fail_max=3, reset_after=120.0)
pricing_breaker = breaker("pricing")
email_breaker = breaker("email", fail_max=10)
