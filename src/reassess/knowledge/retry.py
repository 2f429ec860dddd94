"""Retry, backoff and circuit-breaker libraries: the decorators, context managers and
objects that make a call retried or guarded. Names are canonical dotted names as the
resolver reports them (`tenacity.retry`, `pybreaker.CircuitBreaker`)."""
from __future__ import annotations

import re

# Decorators (called or bare) that retry the decorated function.
RETRY_DECORATORS: frozenset[str] = frozenset({
    "tenacity.retry", "tenacity.asyncio.retry",
    "backoff.on_exception", "backoff.on_predicate",
    "stamina.retry",
    "retry.retry", "retrying.retry", "retry.api.retry",
    "async_retrying.retry", "aioretry.retry", "retry_async.retry",
    "opnieuw.retry", "opnieuw.retry_async",
    "tenacity.Retrying.wraps", "tenacity.AsyncRetrying.wraps",
})

# Objects iterated (`for attempt in Retrying(...)`) or used as a context manager to retry a block.
RETRY_BLOCKS: frozenset[str] = frozenset({
    "tenacity.Retrying", "tenacity.AsyncRetrying", "tenacity.asyncio.AsyncRetrying",
    "stamina.retry_context", "backoff.on_exception",
})

# Clients and transports that retry by themselves once configured.
RETRYING_CLIENTS: frozenset[str] = frozenset({
    "aiohttp_retry.RetryClient",
    "urllib3.util.retry.Retry", "urllib3.Retry", "requests.packages.urllib3.util.retry.Retry",
    "requests.adapters.Retry",
})
# Transports whose `retries=` keyword retries connection failures.
RETRY_KEYWORD_FACTORIES: dict[str, str] = {
    "httpx.AsyncHTTPTransport": "retries",
    "httpx.HTTPTransport": "retries",
    "requests.adapters.HTTPAdapter": "max_retries",
}

# Circuit breakers: classes whose instances decorate or wrap calls, and decorator functions.
BREAKER_CLASSES: frozenset[str] = frozenset({
    "pybreaker.CircuitBreaker", "aiobreaker.CircuitBreaker", "aiobreaker.circuitbreaker.CircuitBreaker",
    "circuitbreaker.CircuitBreaker", "purgatory.AsyncCircuitBreakerFactory", "purgatory.SyncCircuitBreakerFactory",
    "aiocircuitbreaker.CircuitBreaker", "breakers.CircuitBreaker",
})
BREAKER_DECORATORS: frozenset[str] = frozenset({
    "circuitbreaker.circuit", "aiocircuitbreaker.circuit",
})
# Hand-written breakers are recognised by name: a class, attribute or call about a circuit.
BREAKER_WORDS = re.compile(r"breaker|circuit", re.IGNORECASE)

# Sleeping calls that make a hand-written retry loop back off.
SLEEPS: frozenset[str] = frozenset({
    "asyncio.sleep", "time.sleep", "anyio.sleep", "trio.sleep", "gevent.sleep",
})

# Context managers and wrappers that bound the awaits inside them.
TIMEOUT_WRAPPERS: frozenset[str] = frozenset({
    "asyncio.wait_for", "asyncio.timeout", "asyncio.timeout_at", "async_timeout.timeout",
    "anyio.fail_after", "anyio.move_on_after", "trio.fail_after", "trio.move_on_after",
})


def is_retry_decorator(name: str) -> bool:
    """True for a retry decorator, called (`@retry(...)`) or bare (`@retry`)."""
    return name in RETRY_DECORATORS


def is_timeout_wrapper(name: str) -> bool:
    return name in TIMEOUT_WRAPPERS
