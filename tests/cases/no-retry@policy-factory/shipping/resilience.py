"""Retry policy shared by the outbound clients."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


def http_retry(attempts: int = 3):
    return retry(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )


def log_failures(name: str):
    def wrap(fn):
        return fn
    return wrap
