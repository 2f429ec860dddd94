"""How long a call to a dependency holds its caller (RA411): the effective timeout, whether it can
wait for ever or long enough for requests to pile up, and whether it goes to one service (a breaker
needs one dependency to track, not a URL handed in per item)."""
from __future__ import annotations

import re

from ...knowledge import clients as lib
from ._deps import Group


def one_service(call) -> bool:
    """The call goes to one service: a path under the client's `base_url` or a written address, not a
    URL handed in per item (a crawler fanning out over many hosts has no one dependency to break)."""
    target = call.site.args[0] if call.site.args else call.site.kwargs.get("url")
    if isinstance(target, dict):
        target = target.get("fstring")
        if isinstance(target, str) and target.startswith("{}/") and "{" not in target[3:].split("?", 1)[0][:1] \
                and not any(_ADDRESS_PARAM.search(p.name) for p in call.func.params):
            return True  # a configured base and a written path (`f"{self._base}/v1/forecast"`), no address handed in
    return isinstance(target, str) and target.startswith(("/", "http://", "https://"))


# a parameter that hands the function the address it sends to (`url`, `callback_url`, `host`, `endpoint`)
_ADDRESS_PARAM = re.compile(r"(?:^|_)(?:url|uri|host|endpoint|address|base)$", re.I)


def unbounded(group: Group) -> bool:
    """A process-lived client with a call that waits without any limit, or a long one (timeout disabled
    or 30 s and more, nothing bounding it from the caller): one request path is enough for requests to
    pile up."""
    return group.shared and any(waits_long(c) for c in group.calls)


def slow_call(group: Group, reached: list) -> bool:
    """A call the request reaches whose written timeout holds it 15 s or more: on a process-lived
    client, or on one made per call when it goes to one service (not a URL handed in per call)."""
    return any(waits_slow(c) and (group.shared or one_service(c)) for c in reached)


# A request that may wait this long (seconds) on one call holds its handler, connection and memory
# that long too: behind a dead dependency they pile up as surely as with no limit at all.
_LONG_WAIT = 30.0


def waits_long(call) -> bool:
    """The call waits for ever, or its effective timeout is half a minute or more (an aiohttp
    session's 300 s default, `httpx.Timeout(30.0)`), with nothing shorter bounding it."""
    return _waits_forever(call) or _holds_at_least(call, _LONG_WAIT)


# A request held this long (seconds) by one call is already past what a user waits for: behind a
# slow dependency one route is enough for handlers and connections to pile up.
_SLOW_WAIT = 15.0


def waits_slow(call) -> bool:
    """A timeout written in the code (on the call or its client) holds the caller 15 s or more, with
    nothing shorter bounding it: the code chose to wait that long. Streamed responses do not count;
    a library default or no limit at all on a client made per call is the missing timeout's finding."""
    return _holds_at_least(call, _SLOW_WAIT) and "default" not in call.timeout_source


def _holds_at_least(call, seconds: float) -> bool:
    """The call's effective timeout is `seconds` or more, with nothing shorter bounding it, and it
    is not a streamed response (long polls and event streams are expected to stay open)."""
    return isinstance(call.timeout, (int, float)) and call.timeout >= seconds and not call.bounded_by \
        and not _streamed(call)


def _streamed(call) -> bool:
    return tuple(call.site.func or ())[-1:] == ("stream",)


def _waits_forever(call) -> bool:
    """No timeout and nothing bounding it; a streamed response (long poll, event stream) is
    expected to stay open and does not count."""
    return call.timeout is None and not call.bounded_by and not _streamed(call)


def wait_of(call) -> str:
    if call.bounded_by:
        return "bounded by its caller"
    if call.timeout == lib.UNKNOWN:
        return "set from configuration"
    return lib.describe_seconds(call.timeout)
