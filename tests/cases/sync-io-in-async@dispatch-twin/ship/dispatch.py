"""Pick the coroutine twin of a function when called from async code."""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable


def in_async_context() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def dual(async_impl: Callable[..., Any]):
    def decorate(sync_fn: Callable[..., Any]):
        @functools.wraps(sync_fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            chosen = async_impl if in_async_context() else sync_fn
            return chosen(*args, **kwargs)

        return wrapper

    return decorate
