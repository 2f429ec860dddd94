"""RA103 broad-except."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...model.app import is_test_path
from ..api import FileContext, Rule, register
from ._carried import carried_text
from ._client_errors import blames_client, rejects_request
from ._probes import inside_probe_route, is_probe, probe_routed_names, routed_at_probe, router_prefixes
from ._raised_instead import cut_on_purpose, drops_cause, narrowed_elsewhere, passes_as_expected
from ._redone_work import another_way, handler_steps
from ._webhook_acks import acknowledged_webhook
from .grouping import group_repeats
from .handlers import Handler, called, handler_location_end, handlers_of, unless_callees
from .swallowed_exception import swallowed


def reported(handler: Handler) -> bool:
    """A broad handler that neither re-raises, logs the traceback nor passes the exception on."""
    if handler.is_bare or not handler.is_broad:
        return False
    if handler.logs_traceback:
        return False
    if handler.reraises:
        return blames_client(handler) or passes_as_expected(handler) or drops_cause(handler)
    if handler.passes_exception or handler.loses_nothing() or handler.spawns_only() or rejects_request(handler) \
            or handler.text_raised_later() or _drops_peer(handler):
        return False  # a success flag, only bad input, the scheduling or a teardown can fail there, nothing is
        # lost, or the error's text is raised to the caller after the handler
    return not swallowed(handler) and not is_probe(handler)


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
    steps = handler_steps(handler)
    return bool(sends) and bool(steps) and all(_hands_on_only(stmt, peer) for stmt in steps)


def _hands_on_only(stmt: ast.stmt, peer: str) -> bool:
    """`dead.append(ws)` / `await self.remove(ws)`: one call whose only argument is the peer."""
    call = called(stmt)
    return call is not None and not call.keywords and len(call.args) == 1 \
        and isinstance(call.args[0], ast.Name) and call.args[0].id == peer


@register
class BroadExcept(Rule):
    """`except Exception` that hides the traceback.

    What it finds:
        Handlers catching `Exception` or `BaseException` that neither re-raise, nor log
        with the traceback (`logger.exception`, `exc_info=`), nor hand the exception object
        on (`future.set_exception(exc)`, `return exc`). A top-level worker loop that catches
        `Exception` and calls `logger.exception` is the recommended pattern and is not
        reported; neither are health and readiness probes (named so, or routed at a probe path such
        as `/health/deps`, or listed so, `Route("/health/deep", deep)`, or a helper defined inside
        such a route), whose contract is to turn any failure into a status, success flags (`return
        False` from a `-> bool` attempt), a CLI exit with the error's text (`exit_with_error(f"...:
        {exc}")` raises `SystemExit`), nor a request that cannot be read answered with a 4xx response. Nor are status probes
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
        found = [h for h in handlers if reported(h) and not inside_probe_route(h, ctx.tree)
                 and not (prefixes and routed_at_probe(h.scope, prefixes))
                 and h.function.split(".", 1)[0] not in probes and not cut_on_purpose(h, ctx.lines)]
        reported_ids = {id(h.node) for h in found}
        found += [h for h in handlers if id(h.node) not in reported_ids and narrowed_elsewhere(h, handlers) is not None]
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


def _falls_back(handler: Handler) -> bool:
    """A default for a failed probe, one computed from other data, or the work done another way."""
    return handler.only_fallback() and not handler.try_info.awaits or handler.replaces_result() \
        or another_way(handler)


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
    if another_way(handler):
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
