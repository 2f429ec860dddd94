"""RA103 broad-except."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ...model.app import is_test_path
from ...facts.types import ModuleFacts
from ...facts.values import dotted_str
from ...knowledge.logs import LOG_METHODS
from ...knowledge.websockets import annotated_websocket
from ..api import FileContext, Rule, register
from ._carried import carried_text
from .grouping import group_repeats
from .handlers import Handler, called, commented, handler_location_end, handlers_of, mentions, named_as, unless_callees
from .swallowed_exception import swallowed

# Functions whose job is to turn any failure into a status: a broad catch is their contract.
PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "ready", "readiness", "readyz", "liveness", "livez",
                         "ping", "probe", "heartbeat"})


def _is_probe(handler: Handler) -> bool:
    """Named as a probe, or answering with a member of the status type it is annotated to return
    (`check_network() -> NetworkStatus` answering, or setting, `NetworkStatus.NOT_CONNECTED`)."""
    return named_as(handler.function, PROBE_WORDS) or _probe_route(handler) or _answers_status(handler) \
        or _sets_status(handler) or _status_query_answers_status(handler)


def _probe_route(handler: Handler) -> bool:
    """The enclosing endpoint is routed at a probe path (`@router.get("/health/deps")`), whatever
    the function is called: turning each dependency's failure into a status is its contract."""
    return _routed_at_probe(handler.scope)


def _inside_probe_route(handler: Handler, tree: ast.AST) -> bool:
    """A helper defined inside a probe endpoint (`async def check(name, probe)` in the
    `/health/deps` route, recording each dependency's failure as its status): the helper is the
    probe's own body split out, so the endpoint's contract is its contract."""
    inner = handler.scope
    if "<locals>" not in handler.function or inner is None:
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not inner
               and node.lineno < inner.lineno <= (node.end_lineno or node.lineno) and _routed_at_probe(node)
               for node in ast.walk(tree))


def _routed_at_probe(function: ast.AST | None, prefixes: dict[str, str] | None = None) -> bool:
    """The function is decorated with a route whose path has a probe word (`/health/deps`), the
    prefix of the module's router included (`@router.get("/dependencies")` on
    `router = APIRouter(prefix="/health")`)."""
    decorators = getattr(function, "decorator_list", ())
    paths = [_prefix_of(d.func, prefixes or {}) + d.args[0].value for d in decorators
             if isinstance(d, ast.Call) and d.args
             and isinstance(d.args[0], ast.Constant) and isinstance(d.args[0].value, str)]
    return any(PROBE_WORDS & set(re.split(r"[/_.-]", path.lower())) for path in paths)


def probe_routed_names(facts: ModuleFacts) -> frozenset[str]:
    """Module functions routed at a probe path by a call rather than a decorator (Starlette's
    `Route("/health/deep", deep)`, `router.add_api_route("/healthz", healthz)`)."""
    return frozenset(
        site.args[1]["ref"] for site in facts.module_calls
        if site.name.rsplit(".", 1)[-1] in _ROUTE_CALLS and len(site.args) >= 2
        and isinstance(site.args[0], str) and isinstance(site.args[1], dict) and "ref" in site.args[1]
        and PROBE_WORDS & set(re.split(r"[/_.-]", site.args[0].lower())))


_ROUTE_CALLS = frozenset({"Route", "APIRoute", "add_route", "add_api_route"})


def _prefix_of(func: ast.expr, prefixes: dict[str, str]) -> str:
    """`router.get` -> the `prefix=` the module gave `router`, "" for any other decorator."""
    owner = func.value if isinstance(func, ast.Attribute) else None
    return prefixes.get(owner.id, "") if isinstance(owner, ast.Name) else ""


def router_prefixes(facts: ModuleFacts) -> dict[str, str]:
    """Module-level `router = APIRouter(prefix="/health", ...)` -> {"router": "/health"}: the
    routes declared on it answer under that path. Read from the file's facts (its module-level
    bindings and the calls they were made by); the project's routing model is built after file rules run."""
    found: dict[str, str] = {}
    for name, assign in facts.assigns.items():
        value = assign.value
        if isinstance(value, dict) and value.get("call"):
            site = next((s for s in facts.module_calls if s.line == value["line"] and s.name == value["call"]), None)
            prefix = site.kwargs.get("prefix") if site is not None else None
            if isinstance(prefix, str) and prefix:
                found[name] = prefix
    return found


def _answers_status(handler: Handler) -> bool:
    status = handler.returns.rsplit(".", 1)[-1]
    if not status.endswith(("Status", "State", "Health")):
        return False
    return any(isinstance(stmt, (ast.Return, ast.Assign)) and isinstance(stmt.value, ast.Attribute)
               and dotted_str(stmt.value.value).rsplit(".", 1)[-1] == status for stmt in handler.node.body)


_STATUS_TYPES = ("Status", "State", "Health")
_STATUS_WORDS = tuple(word.lower() for word in _STATUS_TYPES)


def _status_query_answers_status(handler: Handler) -> bool:
    """A function named as a status query (`batch_status`, `get_state`) whose handler answers with
    a status literal (`return {"batch_id": batch_id, "status": "unknown"}`): the failure becomes
    the status its caller reads, a probe's contract, whatever the return type is annotated as."""
    words = handler.function.rsplit(".", 1)[-1].lower().strip("_").split("_")
    if words[-1] not in _STATUS_WORDS:
        return False
    return any(isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value in _STATUS_WORDS
        and isinstance(value, ast.Constant) and isinstance(value.value, str)
        for key, value in zip(stmt.value.keys, stmt.value.values)) for stmt in handler.node.body)


def _sets_status(handler: Handler) -> bool:
    """`info.status = SandboxStatus.ERROR` (or `status = ...`) and the function then returns what
    it set (`return info`, `return Info(status=status)`): a probe whose failure becomes the status
    the caller reads, which is its contract. A status only reported elsewhere proves nothing."""
    roots = {_root(t) for stmt in handler.node.body if isinstance(stmt, ast.Assign)
             and isinstance(stmt.value, ast.Attribute)
             and dotted_str(stmt.value.value).rsplit(".", 1)[-1].endswith(_STATUS_TYPES)
             and not _set_on_success(handler, stmt.value)
             for t in stmt.targets if _status_target(t)}
    return bool(roots) and handler.scope is not None and any(
        isinstance(node, ast.Return) and mentions(node.value, roots) for node in ast.walk(handler.scope))


def _set_on_success(handler: Handler, value: ast.Attribute) -> bool:
    """The try body sets the same status member on success (`ride.status = RideStatus.PAID` after
    the payment, and again in `except Exception`): the failure is recorded as the success, which
    is no probe's mapping of a failure to a status."""
    wanted = ast.dump(value)
    return any(isinstance(node, ast.Assign) and ast.dump(node.value) == wanted
               for stmt in handler.try_info.node.body for node in ast.walk(stmt))


def _root(target: ast.expr) -> str:
    while isinstance(target, ast.Attribute):
        target = target.value
    return target.id if isinstance(target, ast.Name) else ""


def _status_target(target: ast.expr) -> bool:
    name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else ""
    return name.lower().strip("_").endswith(_STATUS_WORDS)


def _another_way(handler: Handler) -> bool:
    """`except Exception: return await super().get_response("index.html", scope)`, or the save
    redone through another library on the same `path`: the handler does the try's work another
    way on the same inputs, not using the error; if that fails too, it raises."""
    calls = _redo_calls(handler)
    if not calls:
        return False
    tried = {name for stmt in handler.try_info.node.body for node in ast.walk(stmt)
             if isinstance(node, ast.Call) for name in _names(node)}
    return any(_names(call) & tried for call in calls)


def _redo_calls(handler: Handler) -> list[ast.Call]:
    """The calls the handler's statements do their work with, when every statement is one such
    call that neither reports (a message) nor uses the error; [] otherwise."""
    calls = [called(stmt, kept=True) for stmt in _steps(handler)]
    if not all(calls) or any(_reports(c) or handler.name in _names(c) for c in calls):
        return []
    return calls


def _reports(call: ast.Call) -> bool:
    """The call is given a message (`notify(f"Error ... {url}")`, `logger().network("failed to set")`):
    it tells someone of the failure, it does not redo the work."""
    return any(isinstance(arg, ast.JoinedStr) or isinstance(arg, ast.Constant) and isinstance(arg.value, str)
               and " " in arg.value for arg in [*call.args, *(k.value for k in call.keywords)])


def _names(call: ast.Call) -> set[str]:
    """The variables a call passes (`save(path, data)` -> {"path", "data"}), `self` left out."""
    return {n.id for arg in [*call.args, *(k.value for k in call.keywords)] for n in ast.walk(arg)
            if isinstance(n, ast.Name) and n.id not in ("self", "cls")}


def _steps(handler) -> list:
    """The handler's statements other than comments and docstrings: what it does."""
    return [stmt for stmt in handler.node.body if not _comment(stmt)]


def _comment(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def reported(handler: Handler) -> bool:
    """A broad handler that neither re-raises, logs the traceback nor passes the exception on."""
    if handler.is_bare or not handler.is_broad:
        return False
    if handler.logs_traceback:
        return False
    if handler.reraises:
        return blames_client(handler) or passes_as_expected(handler) or drops_cause(handler)
    if handler.passes_exception or handler.loses_nothing() or handler.spawns_only() or _rejects_request(handler) \
            or handler.text_raised_later() or _drops_peer(handler):
        return False  # a success flag, only bad input, the scheduling or a teardown can fail there, nothing is
        # lost, or the error's text is raised to the caller after the handler
    return not swallowed(handler) and not _is_probe(handler)


def _drops_peer(handler: Handler) -> bool:
    """`for ws in clients: try: await ws.send_json(msg) / except Exception: dead.append(ws)`: in a
    fan-out over peers, a send to the loop's peer failing means that peer is gone; the handler only
    hands the peer to its removal (`dead.append(ws)`, `self._clients.discard(ws)`), the idiom for
    dropping closed connections, and the other peers still get the message."""
    loop = handler.loop
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or not isinstance(loop.target, ast.Name):
        return False
    peer = loop.target.id
    body = handler.try_info.node.body
    if len(body) != 1 or not any(isinstance(node, ast.Await) for node in ast.walk(body[0])):
        return False
    sends = [node for node in ast.walk(body[0]) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
             and node.func.value.id == peer]
    steps = _steps(handler)
    return bool(sends) and bool(steps) and all(_hands_on_only(stmt, peer) for stmt in steps)


def _hands_on_only(stmt: ast.stmt, peer: str) -> bool:
    """`dead.append(ws)` / `await self.remove(ws)`: one call whose only argument is the peer."""
    call = called(stmt)
    return call is not None and not call.keywords and len(call.args) == 1 \
        and isinstance(call.args[0], ast.Name) and call.args[0].id == peer


def _rejects_request(handler: Handler) -> bool:
    """`except Exception: return JSONResponse(status_code=401, ...)` around reading the request
    (a header split, a base64 decode, nothing awaited): whatever fails there, the request is the
    thing at fault and the client is told so; no traceback is owed to the server log."""
    if handler.try_info.awaits:
        return False
    returned = [stmt.value for stmt in handler.node.body if isinstance(stmt, ast.Return)]
    return bool(returned) and all(isinstance(value, ast.Call) and _client_status(value, any_call=True)
                                  for value in returned) or _refuses_socket(handler)


def _refuses_socket(handler: Handler) -> bool:
    """`except Exception: await ws.close(code=4401); return` around reading a WebSocket's handshake
    (a token decode; `_rejects_request` has already required a `try` body that awaits nothing): the
    socket's 4xxx / 1008 close is its client-error answer. Only a close of the endpoint's own
    `WebSocket` parameter is one; another object's `close(code=...)` answers no client."""
    steps = _steps(handler)
    closes = [stmt.value.value for stmt in steps if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await)
              and isinstance(stmt.value.value, ast.Call) and isinstance(stmt.value.value.func, ast.Attribute)
              and stmt.value.value.func.attr == "close"]
    rest = [stmt for stmt in steps if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await))]
    return len(closes) == 1 and _refusal_code(closes[0]) and _socket_parameter(handler, closes[0].func.value) \
        and all(isinstance(stmt, ast.Return) and stmt.value is None for stmt in rest)


def _socket_parameter(handler: Handler, receiver: ast.expr) -> bool:
    """The receiver is a parameter of the enclosing function annotated as a WebSocket (`ws: WebSocket`)."""
    scope = handler.scope
    if not isinstance(receiver, ast.Name) or not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    params = scope.args.posonlyargs + scope.args.args + scope.args.kwonlyargs
    return any(p.arg == receiver.id and p.annotation is not None and annotated_websocket(ast.unparse(p.annotation))
               for p in params)


def _refusal_code(close: ast.Call) -> bool:
    """`close(code=4401)` / `close(1008)` / `close(code=status.WS_1008_POLICY_VIOLATION)`: a refusal."""
    code = next((k.value for k in close.keywords if k.arg == "code"), close.args[0] if close.args else None)
    if isinstance(code, ast.Constant) and isinstance(code.value, int):
        return code.value == 1008 or 4000 <= code.value < 5000
    return isinstance(code, ast.Attribute) and code.attr.startswith("WS_1008")


def blames_client(handler: Handler) -> bool:
    """A catch-all around awaited work that answers with a client error (`raise
    HTTPException(400)` without the cause): a database outage or a bug in the service becomes
    "your request was bad", so the caller stops retrying and the server error leaves no trace.
    `from exc` changes nothing: the framework answers an HTTPException without logging its cause."""
    if not handler.try_info.awaits:
        return False  # around parsing alone a 400 is the right answer
    return any(_client_status(raised.exc) for raised in handler.raises)


def passes_as_expected(handler: Handler) -> bool:
    """A catch-all around awaited work that raises, with no cause, the same error a narrow sibling
    raises for the failure it expects (`except CardDeclined: raise PaymentFailed("declined")`
    beside `except Exception: raise PaymentFailed("declined")`): a timeout, an outage or a bug
    reaches the caller as the expected business outcome, and nothing logs what really failed. One
    carrying the caught error's text (`raise Ambiguous(f"send failed: {exc}")`) tells them apart."""
    if not handler.try_info.awaits or handler.logs:
        return False  # the error's text in the new one (`f"send failed: {exc}"`) tells the failures apart
    own = {_raised_type(r) for r in handler.raises if r.cause is None and not mentions(r.exc, {handler.name})} - {""}
    siblings = [h for h in handler.try_info.node.handlers if h is not handler.node and h.type is not None]
    return bool(own) and any(_raised_type(n) in own for h in siblings for n in ast.walk(h)
                             if isinstance(n, ast.Raise))


def narrowed_elsewhere(handler: Handler, handlers: list[Handler]) -> Handler | None:
    """The narrow handler of another `try` in the file around the same calls that raises the same
    error (`except (KeyError, ValueError) as exc: raise InvalidBoundary(...) from exc` in
    `update_boundary`), when this catch-all turns every failure of those calls into that error
    with neither the cause nor its text (`except Exception: raise InvalidBoundary("bad shape")`):
    the module knows what the calls raise, and here a bug in them passes for bad input."""
    own = _plain_raises(handler)
    calls = set(handler.try_info.calls)
    if not handler.is_broad or handler.is_bare or handler.logs or not own or not calls \
            or handler.parses_only() or handler.cannot_fail():
        return None  # around a parse alone only bad input fails: the catch-all hides no bug
    return next((h for h in handlers if h.try_info.node is not handler.try_info.node and h.types
                 and not h.is_broad and calls <= set(h.try_info.calls)
                 and own & {_raised_type(r) for r in h.raises}), None)


def _plain_raises(handler: Handler) -> set[str]:
    """The errors the handler raises with no cause and without the caught error's text."""
    return {_raised_type(r) for r in handler.raises if r.cause is None and not mentions(r.exc, {handler.name})} - {""}


def drops_cause(handler: Handler) -> bool:
    """A catch-all around awaited work that raises `... from None` and logs nothing (`except
    Exception: raise HTTPException(503, "register unavailable") from None`): the cause is cut from
    the only exception that survives, so a conflict, an outage and a bug all reach the caller as
    the same error and no traceback is left anywhere. One carrying the caught error's text keeps
    the message at least."""
    if not handler.try_info.awaits or handler.logs or not handler.raises:
        return False
    return all(isinstance(r.cause, ast.Constant) and r.cause.value is None and r.exc is not None
               and not mentions(r.exc, {handler.name}) for r in handler.raises)


def _cut_on_purpose(handler: Handler, lines: list[str]) -> bool:
    """A cause cut with a comment saying why (`# from None: the SDK's errors carry key material`):
    a decision written down (keeping secrets out of logs), not an oversight."""
    if blames_client(handler) or passes_as_expected(handler) or not drops_cause(handler):
        return False
    end = handler.node.end_lineno or handler.node.lineno
    return commented(lines, {"line": handler.node.lineno, "end": end}) or handler.explained()


def _raised_type(node: ast.Raise) -> str:
    """`raise PaymentFailed(...)` -> "PaymentFailed"; "" for a bare `raise` or a re-raised name."""
    return dotted_str(node.exc.func) if isinstance(node.exc, ast.Call) else ""


def _client_status(exc: ast.expr | None, any_call: bool = False) -> bool:
    """An `HTTPException` (with `any_call`: any call, such as a response) with a 4xx status."""
    if not isinstance(exc, ast.Call) or not (any_call or dotted_str(exc.func).endswith("HTTPException")):
        return False
    status = next((k.value for k in exc.keywords if k.arg == "status_code"), exc.args[0] if exc.args else None)
    if isinstance(status, ast.Constant) and isinstance(status.value, int):
        return 400 <= status.value < 500
    return isinstance(status, ast.Attribute) and status.attr.startswith("HTTP_4")


@register
class BroadExcept(Rule):
    """`except Exception` that hides the traceback.

    What it finds:
        Handlers catching `Exception` or `BaseException` that neither re-raise, nor log
        with the traceback (`logger.exception`, `exc_info=`), nor hand the exception object
        on (`future.set_exception(exc)`, `return exc`). A top-level worker loop that catches
        `Exception` and calls `logger.exception` is the recommended pattern and is not
        reported; neither are health and readiness probes (named so, or routed at a probe path such
        as `/health/deps`, or listed so, `Route("/health/deep", deep)`, or a helper defined inside such a route), whose contract is to turn any
        failure into a status, success flags (`return False` from a `-> bool` attempt), a CLI
        exit with the error's text (`exit_with_error(f"...: {exc}")` raises `SystemExit`), nor
        a request that cannot be read answered with a 4xx response. Nor are status probes
        annotated to return a status type that they answer (`-> NetworkStatus` answering
        `NetworkStatus.NOT_CONNECTED`), a success flag set by assignment (`ok = False` in a
        `-> bool` function), a `try` holding one conversion of one value (`Decimal(text)`,
        `json.loads(raw)`, `blob.decode()`, `page["title"][0]`: only bad input fails there) or only
        parsing one text into data (`json.loads(clean_json(reply))`, then `Step(**item)` on the
        result: a model's reply with a fallback for prose), a handler whose error text a later
        `raise` carries (`errors.append(f"...: {e}")`, then `raise ValueError("; ".join(errors))`),
        one that only schedules a task
        (`create_task(...)`: the task's errors never reach the handler) or only tears down
        (`await ws.disconnect()`), and a handler ending in a call of a project function that never
        returns, given the error's text (`fail(f"bad value: {exc}", code)`). Any call given a
        truthy `exc_info=` keeps the traceback (`self.logger().network(msg, exc_info=True)` on a
        project logger). A logger method chosen into a local (`log = logger.warning if first else
        logger.debug`) logs. A handler that returns or records the error's text (`return False,
        str(exc)`, `step.output = str(exc)`) is LOW: the failure is seen, only the traceback is
        lost, and so is one returning a value built from it (`return ErrorObservation(f"...: {e}")`,
        `text += f"[error: {e}]"` then `return text`) or collecting it for a later report
        (`skipped.append({"reason": str(e)})`); not a client response built from it (`return
        JSONResponse(..., str(e))`): the server keeps no trace. A call of a project log wrapper
        given a level name (`self.log("error", f"...: {e}")`) logs. LOW too: a handler falling
        back to a default computed from other data (`encoder = encoding_for(default_model)`), not a
        placeholder (`allowed = False`), or doing the work another way on the same inputs (`return
        await super().get_response("index.html", scope)`). A probe that maps the failure to the
        status it returns (`info.status = SandboxStatus.ERROR`, then `return info`; not the status
        the `try` sets on success, `ride.status = RideStatus.PAID`) and a retry
        loop that counts down or pauses and raises once every try failed are not reported. Handlers that only
        `pass` (or answer None or a flag) are reported as swallowed-exception instead; a catch-all
        answering a made-up value (`return 0`, `return "out_of_service"`) is reported here. So is
        a catch-all around awaited work that raises, without a cause or the caught error's text,
        the error a narrow sibling raises for the failure it expects (`except CardDeclined: raise
        PaymentFailed(...)` beside `except Exception: raise PaymentFailed("card declined")`):
        every outage and bug reaches the caller as the expected outcome. The same holds, awaited
        or not, when another `try` of the file around the same calls catches their errors narrowly
        and raises that same error (`except (KeyError, ValueError) as exc: raise
        InvalidBoundary(...) from exc`): the module knows what the calls raise. And, even with the
        traceback logged, a catch-all around the awaited work of a webhook receiver (a POST route
        whose path or name says webhook) that only logs and lets the route answer
        success: the sender takes the event as delivered and never redelivers it. Also a catch-all
        around awaited work that logs nothing and raises `... from None` (`raise HTTPException(503,
        "register unavailable") from None`): the cause is cut from the only exception left, so a
        conflict, an outage and a bug reach the caller alike; a comment saying why (keeping key
        material out of logs) makes it a decision, not reported.

    Why it matters:
        Every bug in the try body (a `TypeError`, a `KeyError` on a renamed column) is
        handled like the expected failure, and without a traceback nobody can tell which
        line failed. Catching `BaseException` also catches task cancellation.

    Example:
        try:
            return await svc.refresh_snapshot(user_id)
        except Exception as e:
            logger.error("refresh failed: %s", e)
            return None

    Instead:
        Catch the errors the block expects, or keep the traceback:

            except Exception:
                logger.exception("refresh failed for user %s", user_id)
                raise
    """

    id = "RA103"
    name = "broad-except"
    category = "broad-except"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        handlers = list(handlers_of(ctx.tree, ctx.facts))
        prefixes = router_prefixes(ctx.facts)
        probes = probe_routed_names(ctx.facts)
        found = [h for h in handlers if reported(h) and not _inside_probe_route(h, ctx.tree)
                 and not (prefixes and _routed_at_probe(h.scope, prefixes))
                 and h.function.split(".", 1)[0] not in probes and not _cut_on_purpose(h, ctx.lines)]
        found += [h for h in handlers if h not in found and narrowed_elsewhere(h, handlers) is not None]
        found.sort(key=lambda h: h.node.lineno)
        limit = int(self.option("max_per_file", 5))
        for group in group_repeats(found, lambda h: (h.types, h.logs), limit):
            yield self._finding(ctx, group)
        reported_ids = {id(h.node) for h in found}
        for handler in handlers:
            if id(handler.node) not in reported_ids and acknowledged_webhook(handler):
                yield self._webhook_finding(ctx, handler)

    def _webhook_finding(self, ctx: FileContext, handler: Handler) -> Finding:
        description = (f"{handler.where()} receives a webhook and catches {handler.types_text} around "
                       f"{handler.try_does()}, then answers success anyway: a database outage, a deploy or a bug "
                       "while applying the event is acknowledged like a processed event, so the sender never "
                       "delivers it again and the state change it carried is lost (the log line is all that is left).")
        return self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)),
            f"Webhook {handler.where()} acknowledges events it failed to apply", description,
            recommendation=("Acknowledge only what was applied or is permanently invalid; let other failures "
                            "answer 5xx so the sender redelivers:\n\n```python\nexcept InvalidEvent:\n"
                            "    logger.warning(\"ignoring invalid event\", exc_info=True)\n    return {\"received\": True}\n"
                            "```"))

    def _severity(self, ctx: FileContext, handler: Handler, answered: str) -> str:
        """LOW when the failure is seen (logged, answered, a fallback) or in a test, where it costs
        a diagnosis, not an outage."""
        seen = handler.logs or answered or _falls_back(handler)
        return "LOW" if seen or is_test_path(ctx.path) else self.severity

    def _finding(self, ctx: FileContext, group: list[Handler]) -> Finding:
        handler = group[0]
        cancels = handler.catches_base_exception and handler.try_info.awaits
        answered = "" if handler.reraises else handler.hands_on_error_text() or carried_text(handler)
        severity = "HIGH" if cancels else self._severity(ctx, handler, answered)
        outcome = _outcome(handler, answered, narrowed_elsewhere(handler, handlers_of(ctx.tree, ctx.facts)))
        description = (f"{handler.where()} catches {handler.types_text} around {handler.try_does()} and "
                       f"{outcome}: {_consequence(handler, outcome)}.")
        if cancels:
            description += " `BaseException` also catches `asyncio.CancelledError`, so the task cannot be cancelled."
        title = f"Broad `except {handler.types[0]}` in {handler.where()} {_title_tail(handler, outcome)}"
        related = []
        if len(group) > 1:
            title = f"{len(group)} broad `except` handlers in {ctx.path} hide the traceback"
            description = (f"{len(group)} handlers in this file catch {handler.types_text} and each {outcome}, "
                           f"starting with {handler.where()}.")  # the outcome is worded for one handler
            related = [ctx.line_loc(h.node.lineno, handler_location_end(h), f"also in {h.where()}")
                       for h in group[1:]]
        finding = self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)), title, description,
            recommendation=_recommendation(ctx, handler), severity=severity, related=related,
        )
        finding.extra.update(unless_callees(group, "never-returns", Handler.exit_call_line))
        return finding


_WEBHOOK_WORDS = ("webhook",)  # not "callback": an OAuth callback is a user's redirect, not a sender that retries
_ACK_VERBS = frozenset({"post", "put", "api_route", "route"})


def acknowledged_webhook(handler: Handler) -> bool:
    """A catch-all around the awaited work of a webhook receiver (a POST route whose path or name
    says webhook) whose body only logs and then lets the route answer success: the
    sender reads the 2xx as delivered and never retries the event."""
    if handler.is_bare or not handler.is_broad or handler.reraises or not handler.try_info.awaits:
        return False
    if not _webhook_route(handler.scope) or not all(_log_or_ack(stmt) for stmt in handler.node.body):
        return False
    return not any(isinstance(node, ast.Raise) for stmt in handler.try_info.node.orelse for node in ast.walk(stmt))


def _webhook_route(function: ast.AST | None) -> bool:
    """Decorated with a POST/PUT route whose path or function name says webhook."""
    routes = [d for d in getattr(function, "decorator_list", ()) if isinstance(d, ast.Call)
              and isinstance(d.func, ast.Attribute) and d.func.attr in _ACK_VERBS]
    if not routes:
        return False
    paths = [d.args[0].value.lower() for d in routes if d.args and isinstance(d.args[0], ast.Constant)
             and isinstance(d.args[0].value, str)]
    return any(word in text for word in _WEBHOOK_WORDS for text in [*paths, function.name.lower()])


def _log_or_ack(stmt: ast.stmt) -> bool:
    """A log call, `pass`, or a return of a literal answer (`return {"received": True}`): no error
    status, nothing kept for a later attempt."""
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        return isinstance(func, ast.Attribute) and func.attr in LOG_METHODS
    if isinstance(stmt, ast.Return):
        return stmt.value is None or isinstance(stmt.value, (ast.Dict, ast.Constant))
    return False


def _falls_back(handler: Handler) -> bool:
    """A default for a failed probe, one computed from other data, or the work done another way."""
    return handler.only_fallback() and not handler.try_info.awaits or handler.replaces_result() \
        or _another_way(handler)


def _outcome(handler: Handler, answered: str, narrow: Handler | None = None) -> str:
    """What the handler does instead of keeping the traceback (`answered`: `hands_on_error_text`)."""
    if handler.reraises:
        if narrow is not None:
            return (f"raises, without the cause, the error that the handler of {narrow.types_text} at line "
                    f"{narrow.node.lineno} raises for the same calls")
        if passes_as_expected(handler):
            return "raises the error its narrow sibling raises for the expected failure"
        return "raises a client error (4xx) in its place" if blames_client(handler) else \
            "raises a new error `from None`, cutting the cause off"
    if handler.logs:
        return "logs a message without the traceback"
    if answered:
        return f"{answered} the error's text (for its caller or the user) without the traceback"
    if handler.replaces_result():
        return "falls back to a default without logging why"
    if _another_way(handler):
        return "falls back to doing it another way without logging why"
    return _reported_as(handler) or "carries on without logging it"


def _reported_as(handler: Handler) -> str:
    """How the handler hands the failure to the program's own error channel, "" when it does not:
    `yield ErrorFrame(f"... {e}")` or `await self.push_error(msg, exception=e)`, a call or an object
    named for an error. The failure is reported; what is lost is the traceback, unless the caught
    exception itself goes along."""
    caught = handler.node.name
    for node in ast.walk(handler.node):
        call = node.value if isinstance(node, (ast.Yield, ast.Await)) else node
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if "error" not in name.lower():
            continue
        passed = caught and any(isinstance(a, ast.Name) and a.id == caught
                                for a in [*call.args, *(k.value for k in call.keywords)])
        if passed:
            return f"hands the exception to `{name}(...)` and logs nothing here"
        return f"reports it as `{name}(...)` but drops the traceback"
    return ""


def _renamed_only(handler: Handler, outcome: str) -> bool:
    """The handler raises a new error inside `except` without `from None`: Python keeps the caught
    one as its context, so the traceback survives, but under the expected failure's name."""
    return handler.reraises and "from None" not in outcome


def _consequence(handler: Handler, outcome: str) -> str:
    if _renamed_only(handler, outcome):
        return ("any outage or bug in that code reaches the caller as the expected failure, with a message "
                "that misnames it (the original error survives only as the implicit context)")
    if outcome.startswith("hands the exception"):
        return ("any bug in that code is handled like an expected failure, and its traceback survives only "
                "if that call records it")
    return "any bug in that code is handled like an expected failure and its traceback is lost"


def _title_tail(handler: Handler, outcome: str) -> str:
    return "reports every failure as the expected one" if _renamed_only(handler, outcome) else "hides the traceback"


def _recommendation(ctx: FileContext, handler: Handler) -> str:
    bound = f" as {handler.name}" if handler.name else ""
    body = [ctx.lines[s.lineno - 1].strip() for s in handler.node.body[:2]]
    kept = "".join(f"    {line}\n" for line in body if "log" not in line.lower())
    return ("Catch the specific errors the block expects; where a catch-all is really wanted, keep the "
            f"traceback:\n\n```python\nexcept Exception{bound}:\n"
            f"    logger.exception(\"{handler.function or 'operation'} failed\")\n{kept}```")
