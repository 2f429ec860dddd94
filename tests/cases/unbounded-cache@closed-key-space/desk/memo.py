"""Memoising decorators: `memoize` is offered to users of the package, `remember` is used here."""
import functools
import threading
from typing import Any

_memo: dict[tuple, Any] = {}
_memo_lock = threading.Lock()
_remember_cache: dict[tuple, Any] = {}  # expect: unbounded-cache


def memoize(func):
    """Public helper: `@desk.memoize` on the user's own functions, like `functools.cache`."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (func.__name__, *args, *sorted(kwargs.items()))
        with _memo_lock:
            if key not in _memo:
                _memo[key] = func(*args, **kwargs)
        return _memo[key]
    return wrapper


def remember(func):
    @functools.wraps(func)
    def wrapper(*args):
        key = (func.__name__, *args)
        if key not in _remember_cache:
            _remember_cache[key] = func(*args)
        return _remember_cache[key]
    return wrapper


@remember
def fee_schedule(account: str) -> dict:
    return {"account": account, "maker": 0.001, "taker": 0.002}
