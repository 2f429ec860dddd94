"""RA402 missing-timeout: one call to the outside that can wait for ever."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience import analysis
from ...model.resilience.calls import ExternalCall, timeout_written
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching, short
from ..api import ProjectContext, Rule, register
from ._code import indent, with_keyword

_STREAMING = frozenset({"stream", "ws_connect"})  # long-lived by design when the limit is disabled
_EXAMPLE = {"requests": "10", "urllib": "10", "httpx": "30.0", "aiohttp": "aiohttp.ClientTimeout(total=30)"}


@register
class CallWithoutTimeout(Rule):
    """A network call or pool acquire with no effective timeout.

    What it finds:
        `requests` calls (module functions and Session methods), `urllib.request.urlopen` and
        the stdlib network clients (`smtplib.SMTP`, `ftplib.FTP`, `poplib`, `imaplib`,
        `http.client.HTTPConnection`, `telnetlib`) without `timeout=` (or its positional
        place), per-call `timeout=None` on httpx/aiohttp requests, and asyncpg
        `pool.acquire()` without `timeout=`. The effective value is what counts: a timeout set
        through a variable or a settings constant, a call awaited under `asyncio.wait_for` /
        `asyncio.timeout` (directly, through a wrapper, or because every caller bounds it), a
        request-timeout middleware for async routes, and `socket.setdefaulttimeout` for
        urllib and the stdlib clients all count as a limit (not for requests, which passes urllib3
        an explicit no-limit timeout whenever none is given). An asyncio timeout does
        not bound a sync function (run through `asyncio.to_thread` or an executor): the
        awaiter gives up, the thread keeps waiting. Streaming calls that disable the limit on
        purpose (`client.stream(..., timeout=None)`) are not reported. An acquire on a pool with no
        `command_timeout` waits as long as the statements holding its connections: the pool's
        setting is the cause (RA401), and the acquire is MEDIUM.

    Why it matters:
        requests has no default timeout and `pool.acquire()` waits for ever for a free
        connection: when the remote side or the pool stalls, the caller hangs with it - a web
        request never answers, a worker thread or loop never comes back, and under load the
        stuck callers exhaust the thread pool or the connection pool.

    Example:
        response = requests.post(settings.webhook_url, json=body, headers=_HEADERS)

    Instead:
        Pass a limit on every call (or use a session/client that sets one):

            response = requests.post(settings.webhook_url, json=body, headers=_HEADERS, timeout=10)
    """

    id = "RA402"
    name = "call-without-timeout"
    category = "missing-timeout"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        res = analysis(ctx.model)
        ctx.examine("external calls", len(res.calls))
        for call in res.calls:
            if call.unbounded and not is_test_path(call.path) and self._reportable(call):
                yield self._finding(ctx, call)

    @staticmethod
    def _reportable(call: ExternalCall) -> bool:
        if call.inherited:
            return False  # the client's configuration is the defect (RA401)
        if call.method in _STREAMING and call.timeout_source.startswith("`"):
            return False
        if call.details.get("socket_default"):  # set only for the libraries whose sockets it bounds
            return False
        return call.timeout_source != "client not traced"

    def _finding(self, ctx: ProjectContext, call: ExternalCall) -> Finding:
        model = ctx.model
        written_none = timeout_written(call)
        method = call.operation.rsplit(".", 1)[-1]
        if call.method == "acquire":
            what = ("`pool.acquire()` has no `timeout=`: when every connection is busy it waits for ever"
                    + _pool_note(call) + (_CAUSE_NOTE if _statements_unbounded(call) else ""))
            keyword, example = "timeout", "5"
        elif written_none:
            what = f"`{method}(..., timeout=None)` disables the {call.library} timeout for this call"
            keyword, example = "timeout", _EXAMPLE.get(call.library, "10")
        else:
            what = f"`{call.operation}` has no `timeout=` and {call.library} has no default: it waits for ever"
            if call.details.get("socket_default_ignored"):
                what += (f"; the `socket.setdefaulttimeout` at {_place(model, call.details['socket_default_ignored'])} "
                         f"does not bound it: {call.library} hands urllib3 an explicit no-limit timeout")
            keyword, example = "timeout", _EXAMPLE.get(call.library, "10")
        reached = entries_reaching(model, {call.fq}, limit=4)
        via = [entry.name for entry, _chain in reached]
        description = (
            f"In `{short(call.fq)}` ({call.path}:{call.site.line}), {what}"
            + (f" (dependency: {call.dependency})" if call.dependency and call.method != "acquire" else "")
            + "."
            + (f" It runs for {', '.join(via)}." if via else "")
        )
        related = [Location(model.site_path(chain[0]), chain[0].site.line, chain[0].site.end_line,
                            f"{entry.name} reaches it here") for entry, chain in reached if chain]
        snippet = with_keyword(model, call.path, call.site, keyword, example)
        recommendation = (
            f"Bound the call:\n\n{indent(snippet)}\n\n"
            + ("Size the limit from the pool's normal wait (a few seconds) and turn the TimeoutError into a "
               "503 or a retry, so callers fail fast when the pool is exhausted."
               if call.method == "acquire" else
               "Pick a limit that covers the dependency's slowest normal answer, and handle the timeout "
               "exception where the call is made.")
        )
        title = (f"`pool.acquire()` without timeout in {short(call.fq)}" if call.method == "acquire"
                 else f"{call.operation} without an effective timeout in {short(call.fq)}")
        return self.finding(
            Location(call.path, call.site.line, call.site.end_line), title, description,
            recommendation=recommendation, related=related[:4], impact=_impact(call, written_none),
            extra={"operation": call.operation, "timeout_source": call.timeout_source},
            severity="MEDIUM" if _statements_unbounded(call) else None,
        )


def _impact(call: ExternalCall, written_none: bool) -> str:
    """Why the wait matters, said of this call's own library: a pool acquire waits for a free
    connection, a call with `timeout=None` has its limit switched off, any other has no default."""
    if call.method == "acquire":
        cause = "`pool.acquire()` waits for ever for a free connection: when the pool stalls"
    elif written_none:
        cause = f"`timeout=None` switches off {call.library}'s limit for this call: when the remote side stalls"
    else:
        cause = f"{call.library} has no default timeout: when the remote side stalls"
    return (f"{cause}, the caller hangs with it - a web request never answers, a worker thread or loop never "
            "comes back, and under load the stuck callers exhaust the thread pool or the connection pool.")


def _statements_unbounded(call: ExternalCall) -> bool:
    """`pool.acquire()` on a pool with no `command_timeout`: the wait lasts as long as the slowest
    statement holding a connection, which the pool leaves unbounded (its RA401, the cause): the
    acquire is the symptom and weighs no more than MEDIUM."""
    command = call.client.timeouts.get("command") if call.method == "acquire" and call.client else None
    return command is not None and not command.present and command.effective is None


_CAUSE_NOTE = (", for as long as the statements holding the connections run: the pool sets no `command_timeout`, "
               "so bounding the statements bounds this wait too")


def _place(model, where: str) -> str:
    """`path:line` of a call the guards note as `function-or-module fq:line`."""
    owner, _, line = where.rpartition(":")
    facts = model.functions[owner][0] if owner in model.functions else model.modules.get(owner)
    return f"{facts.path}:{line}" if facts is not None else where


def _pool_note(call: ExternalCall) -> str:
    client = call.client
    if client is None:
        return ""
    connect = client.timeouts.get("connect")
    if connect is not None and connect.present:
        return (f" (the `timeout={connect.written}` given to `create_pool` at {client.facts.path}:"
                f"{client.site.line} is the connect timeout and does not bound the acquire)")
    return ""
