"""RA602 logging-gap: a route or worker loop that handles a failure without leaving a trace."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience import blocks as blk
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ...model.resilience.tasks import workers
from ...model.resilience.calls import resolved_name
from ..api import ProjectContext, Rule, register
from ...knowledge.responses import answered_status, is_server_error_raise, status_value
from ...knowledge.retry import SLEEPS
from ...knowledge.exceptions import CANCEL_SIGNALS, PAYLOAD_ERRORS, SHAPE_ERRORS, is_broad, last_name, only, parse_call


@register
class SilentHandlerInEntryPoint(Rule):
    """A route or background loop catches a broad failure, acts on it, and logs nothing.

    What it finds:
        `except`/`except Exception` handlers directly in HTTP/WebSocket handlers, in HTTP
        middleware (an error envelope that turns every exception into a 500 answer) and in the
        keep-alive loop of background workers that do something (return a fallback response,
        sleep and go round again, update a status) but neither log, report nor re-raise the
        exception. Handlers that only `pass`/`continue` are the swallowed-exception rule's;
        expected signals (cancellation, disconnects, timeouts) and narrow exception types are
        not reported, except in a route that catches a remote service's outage errors
        (`aiohttp.ClientError`, `httpx.HTTPError`, `redis.RedisError`) and returns a stand-in
        answer without a log line: the outage stays invisible, or that answers any caught
        error with a 5xx response it returns itself (`return Response(status_code=502)`) or raises
        (`raise HTTPException(502, ...)`, not chained or chained `from None`, the caught exception unused; chained with
        `from exc` too when another handler of the project logs the same named exception before
        its own 5xx: the framework logs neither the 5xx nor its cause, and this one was forgotten).
        Also, in any coroutine, a catch-all in a loop that sleeps and `continue`s with no log line
        (`except Exception: await asyncio.sleep(5); continue`), whatever starts it (a program run
        through a helper, a tick a base class calls); a retry loop that returns on success is not.
        Also a webhook route, or the function it hands the request to, that cannot read the event (`except (KeyError,
        ValueError): return`) and acknowledges it anyway: the sender never redelivers it.

    Why it matters:
        The system degrades without a record: a worker that sleeps and retries after every
        failure can fail on every round for days, and an endpoint that answers 503 from a
        handler gives on-call nothing to diagnose - no exception type, message or traceback.

    Example:
        while True:
            try:
                await self.sync()
            except Exception:
                await asyncio.sleep(30)

    Instead:
        Keep the recovery, and log what was recovered from (with the traceback):

            except Exception:
                logger.exception("sync failed; retrying in 30 s")
                await asyncio.sleep(30)
    """

    id = "RA602"
    name = "silent-handler-in-entry-point"
    category = "logging-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        places: list[tuple[str, tuple[int, int] | None, str, bool]] = []  # fq, loop span, name, answers
        for entry in model.app.of_kind("http", "websocket", "middleware"):
            places.append((entry.function, None, entry.name, entry.kind != "middleware"))
        receivers = _webhook_receivers(model)
        listed = {p[0] for p in places}
        places += [(fq, None, f"the webhook receiver for {name}", True) for fq, name in sorted(receivers.items())
                   if fq not in listed]
        for worker in workers(model):
            places.append((worker.fq, (worker.loop["line"], worker.loop["end"]), f"the {worker.entry.name} loop",
                           False))
        seen: set[tuple[str, int]] = set()
        for fq, span, what, answers in places:
            found = model.functions.get(fq)
            if found is None or is_test_path(found[0].path):
                continue
            facts, func = found
            for handler in blk.blocks(func, "except"):
                if span and not span[0] <= handler["line"] <= span[1] or (fq, handler["line"]) in seen:
                    continue
                if not _reported(model, fq, facts, func, handler, answers, fq in receivers):
                    continue
                seen.add((fq, handler["line"]))
                yield self._finding(facts.path, fq, handler, what)
        for fq, handler in _backoff_handlers(model):
            if (fq, handler["line"]) not in seen:
                seen.add((fq, handler["line"]))
                yield self._finding(model.functions[fq][0].path, fq, handler, "a loop that backs off and goes on")

    def _finding(self, path: str, fq: str, handler: dict, what: str) -> Finding:
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"In `{short(fq)}` ({what}), the handler at line {handler['line']} catches {caught} and carries on "
            "without logging, reporting or re-raising it: the failure leaves no trace."
        )
        if what.startswith("the webhook receiver"):
            description += (" The sender is answered with success all the same, so it never redelivers: an event "
                            "it can no longer read (a changed payload format) is lost without a record.")
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"failure handled without a log line in {short(fq)}", description)


# the errors a remote client raises when its service is down or unreachable (a status error is
# an answer, and timeouts are the cancellation signals' concern)
_OUTAGE_ERRORS = frozenset({
    "httpx.HTTPError", "httpx.RequestError", "httpx.TransportError", "httpx.ConnectError", "httpx.NetworkError",
    "aiohttp.ClientError", "aiohttp.ClientConnectionError", "aiohttp.ClientConnectorError",
    "aiohttp.ClientOSError", "aiohttp.ServerDisconnectedError",
    "requests.RequestException", "requests.ConnectionError", "requests.exceptions.RequestException",
    "requests.exceptions.ConnectionError",
    "redis.RedisError", "redis.ConnectionError", "redis.exceptions.RedisError", "redis.exceptions.ConnectionError",
})


def _reported(model, fq: str, facts, func, handler: dict, answers: bool, receiver: bool) -> bool:
    """A silent handler, or (in a place that answers a request) one that answers quietly in a way
    that hides a failure."""
    return _silent(func, handler) and not _parse_or_fall_back(model, fq, func, handler) \
        or answers and (_outage_hidden(model, facts, func, handler)
                        or _server_error_answered(model, facts, func, handler)
                        or _work_failure_dropped(model, fq, func, handler)
                        or receiver and _event_dropped(model, fq, func, handler))


def _backoff_handlers(model) -> Iterator[tuple[str, dict]]:
    """Handlers, in any coroutine, that catch everything in a loop, sleep and `continue` without a
    log line (`except Exception: await asyncio.sleep(5); continue`): a worker or job loop whose entry
    the model may not know (a program started through a helper, a tick a base class calls) backs
    off on every failure with no trace. A retry loop that returns on success is left out: its last
    failure reaches the caller after the loop."""
    for fq, (facts, func) in model.functions.items():
        if not func.is_async or is_test_path(facts.path):
            continue
        for handler in blk.blocks(func, "except"):
            if handler.get("exit") == "continue" and blk.enclosing(func, handler["line"], "loop") \
                    and _sleeps(model, fq, handler) and not _returns_on_success(func, handler) \
                    and _silent(func, handler):
                yield fq, handler


def _sleeps(model, fq: str, handler: dict) -> bool:
    return any(edge.target.name in SLEEPS and handler["line"] < edge.site.line <= handler["end"]
               for edge in model.edges.get(fq, ()))


def _returns_on_success(func, handler: dict) -> bool:
    """The `try` the handler belongs to returns (a retry loop that ends with the first success)."""
    body = next((b for b in blk.blocks(func, "try") if b["line"] == handler.get("try_line")), None)
    return body is None or any(body["line"] <= line <= body["end"] for line in func.extra.get("return_lines", ()))


def _answers_quietly(func, handler: dict) -> bool:
    """The handler catches named types and returns, without a log line, a re-raise or a use of the
    caught exception."""
    if handler.get("exit") != "return" or not handler["types"]:
        return False
    if blk.handler_logs(func, handler) or blk.handler_reraises(func, handler):
        return False
    return not _uses_exception(handler)


def _outage_hidden(model, facts, func, handler: dict) -> bool:
    """A route catches a remote service's outage errors and answers with a stand-in (`return
    {"status": "unknown"}`) without a log line: every request during the outage looks served,
    and nothing records that the service was down."""
    return all(_outage_error(resolved_name(model, facts, func, t)) for t in handler["types"]) \
        and _answers_quietly(func, handler)


def _server_error_answered(model, facts, func, handler: dict) -> bool:
    """A route answers a caught failure with a 5xx response it builds itself (`return
    Response(status_code=502)`): the framework logs nothing for a returned response, so the
    server-side failure the status admits to leaves no trace unless the handler logs it."""
    if any(last_name(t) in CANCEL_SIGNALS for t in handler["types"]):
        return False
    answered = any(500 <= (answered_status(site) or 0) < 600
                   for site in blk.calls_in(func, handler["line"] + 1, handler["end"]))
    return answered and _answers_quietly(func, handler) \
        or _server_error_raised(model, facts, func, handler)


def _server_error_raised(model, facts, func, handler: dict) -> bool:
    """The same answer raised (`raise HTTPException(502, "provider unavailable")`), with no `from`
    and no use of the caught exception: the framework turns it into a response without logging,
    so the failure behind the 5xx is gone."""
    if not handler["types"] or blk.handler_logs(func, handler):
        return False
    raises = blk.raises_in(func, handler["line"] + 1, handler["end"])
    if not raises or any(not b.get("exc") for b in raises):
        return False
    if any(b.get("cause") for b in raises):  # chained: the framework still logs nothing, but only a
        # project that logs this same failure where another route converts it shows the line was forgotten
        if not (handler.get("name") and _logged_elsewhere(model, facts, func, handler)):
            return False
    return _raises_server_error(func, handler) and not _uses_exception(handler)


def _logged_elsewhere(model, facts, func, handler: dict) -> bool:
    """Another handler in the project catches the same named exception types (not a catch-all, which
    says nothing about one failure), logs it and raises a 5xx `HTTPException` too: the team logs this
    failure when it answers for it, and this handler does not."""
    types = _caught(model, facts, func, handler)
    if not types or is_broad(handler["types"]):
        return False
    return any(other is not handler and _caught(model, f, fn, other) == types
               for f, fn, other in _logged_server_errors(model))


def _caught(model, facts, func, handler: dict) -> frozenset[str]:
    return frozenset(resolved_name(model, facts, func, t) for t in handler["types"])


def _logged_server_errors(model) -> list:
    """(facts, function, handler) of every handler that logs and raises a 5xx `HTTPException`."""
    def build() -> list:
        out = []
        for facts, func in model.functions.values():
            for handler in blk.blocks(func, "except"):
                if handler["types"] and blk.raises_in(func, handler["line"] + 1, handler["end"]) \
                        and blk.handler_logs(func, handler) and _raises_server_error(func, handler):
                    out.append((facts, func, handler))
        return out
    return model.memo("logged_server_errors", build)


def _raises_server_error(func, handler: dict) -> bool:
    """A call in the handler's body makes a 5xx `HTTPException`."""
    return any(is_server_error_raise(site) for site in blk.calls_in(func, handler["line"] + 1, handler["end"]))


def _work_failure_dropped(model, fq: str, func, handler: dict) -> bool:
    """A route wraps a call into the application (`await sync.ingest_webhook(payload["type"], ...)`)
    in `except (KeyError, TypeError): pass` and goes on to answer success: a malformed request and
    any such error raised deep inside the call (a bug) are acknowledged with no log line, so the
    sender believes it was delivered and nobody sees the dropped input. A handler around a
    look-up alone (`int(x)`, `payload["k"]`) or a library call is an ordinary parse fallback."""
    types = handler["types"]
    if not types or handler.get("exit") != "pass" or not only(types, SHAPE_ERRORS):
        return False
    if blk.calls_in(func, handler["line"] + 1, handler["end"]) or blk.handler_reraises(func, handler):
        return False
    body = next((b for b in blk.blocks(func, "try") if b["line"] == handler.get("try_line")), None)
    if body is None:
        return False
    targets = {(e.site.line, e.site.col): e.target for e in model.edges.get(fq, ())}
    return any(site.awaited and site.func and len(site.func) >= 2
               and _into_application(targets.get((site.line, site.col)))
               for site in blk.calls_in(func, body["line"], body["end"]))


_WEBHOOK_ROUTE = re.compile(r"web_?hooks?|/hooks?(/|$)|callbacks?(/|$)|/notify(/|$)", re.I)


def _webhook_receivers(model) -> dict[str, str]:
    """fq -> route of webhook routes (by their path) and the project functions they hand the
    request to directly (`await billing.handle_webhook(await request.body(), signature)`)."""
    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        for entry in model.app.of_kind("http"):
            if not _WEBHOOK_ROUTE.search(entry.route or entry.name) or is_test_path(entry.path):
                continue
            found.setdefault(entry.function, entry.name)
            for edge in model.edges.get(entry.function, ()):
                callee = model.callee_function(edge.target)
                if callee and edge.site.awaited:
                    found.setdefault(callee, entry.name)
        return found
    return model.memo("observability.webhook_receivers", build)


def _event_dropped(model, fq: str, func, handler: dict) -> bool:
    """A webhook receiver that cannot read the event (`except (KeyError, ValueError): return`)
    acknowledges it all the same: the sender sees a 2xx and never redelivers, so an event whose
    format changed is lost with no log line. Only handlers that leave the function (`return`)
    or do nothing (`pass`) with no call, log or re-raise count."""
    types = handler["types"]
    if not types or handler.get("exit") not in ("return", "pass"):
        return False
    if not only(types, PAYLOAD_ERRORS):
        return False
    return not blk.calls_in(func, handler["line"] + 1, handler["end"]) and not blk.handler_reraises(func, handler)


def _into_application(target) -> bool:
    """The call runs project code (resolved, or a method on an object the resolver cannot type,
    such as a service kept on `app.state`), not a library."""
    return target is None or target.is_project or target.kind == "unresolved"


def _outage_error(name: str) -> bool:
    """`aiohttp.ClientError`, also when resolved to its defining module (`aiohttp.client_exceptions.ClientError`)."""
    return name in _OUTAGE_ERRORS or f"{name.split('.', 1)[0]}.{name.rsplit('.', 1)[-1]}" in _OUTAGE_ERRORS


def _silent(func, handler: dict) -> bool:
    types = handler["types"]
    if not is_broad(types) or any(last_name(t) in CANCEL_SIGNALS for t in types):
        return False
    calls = blk.calls_in(func, handler["line"] + 1, handler["end"])
    if not calls:
        return False  # pass / continue / a flag: the swallowed-exception rule's subject
    if blk.handler_logs(func, handler) or blk.handler_reraises(func, handler):
        return False
    if any(site.func and site.func[-1] in ("print", "print_exc", "format_exc", "warn") for site in calls):
        return False
    if _answers_client_error(func, handler, calls) and not _try_awaits(func, handler):
        return False  # a request it could not read answered `401`/`400`: the caller is told, the access log has it
    return not _uses_exception(handler)


def _parse_or_fall_back(model, fq: str, func, handler: dict) -> bool:
    """The `try` awaits nothing, opens with a conversion of one name (`rowid = from_global_id(
    GlobalID.from_id(ref))`, `n = int(text)`) and calls no project function after it: the handler
    is the other reading of that value (the raw text as a slug or a key), not a failure to log."""
    body = next((b for b in blk.blocks(func, "try") if b["line"] == handler.get("try_line")), None)
    sites = blk.calls_in(func, body["line"], body["end"]) if body else []
    if not sites or any(site.awaited for site in sites):
        return False
    first = min(sites, key=lambda site: site.line)
    opening = [site for site in sites if first.line <= site.line <= first.end_line]
    if any(first.end_line < edge.site.line <= body["end"] and edge.target.is_project
           for edge in model.edges.get(fq, ())):
        return False
    return all(site.func and parse_call(".".join(site.func)) for site in opening) and any(
        isinstance(arg, dict) and str(arg.get("ref", "")).isidentifier() for site in opening for arg in site.args)


def _try_awaits(func, handler: dict) -> bool:
    """The `try` the handler belongs to awaits something (I/O that can fail for the server's reasons)."""
    body = next((b for b in blk.blocks(func, "try") if b["line"] == handler.get("try_line")), None)
    return body is None or any(site.awaited for site in blk.calls_in(func, body["line"], body["end"]))


def _answers_client_error(func, handler: dict, calls: list) -> bool:
    """The handler answers a 4xx: a response or HTTP error made with one (`JSONResponse(...,
    status_code=400)`), or one set on the response (`response.status_code = 401`)."""
    if any(400 <= (answered_status(site) or 0) < 500 for site in calls):
        return True
    return any(handler["line"] < store["line"] <= handler["end"] and 400 <= (status_value(store["status"]) or 0) < 500
               for store in func.extra.get("stores", ()) if "status" in store)


def _uses_exception(handler: dict) -> bool:
    """The caught exception is read in the handler (into a response, a callback, a result): the
    caller sees what happened. Chaining it (`raise X(...) from exc`) is no such use."""
    return bool(handler.get("uses_name"))
