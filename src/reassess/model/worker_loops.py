"""The loops that keep background work going: a function's long-running loop, the pause
inside it and how long that pause is, in the shape the rules read (`loop_of`).

A loop counts when only a stop ends it (`while True`, `while not stop.is_set()`, `for _ in
itertools.count()`), or when the function consumes a stream (`async for`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..knowledge.retry import is_timeout_wrapper

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts, ModuleFacts
    from .constants import Constants
    from .project import ProjectModel

# A function this short that awaits a looping method hands its task over to that loop; a longer
# one (a chat turn, a request pipeline) does its own one-shot work and merely calls loops on the way.
_HANDOVER_LINES = 25
_PAUSE_LINES = 8  # a helper this short whose call sleeps or waits with a timeout is the caller's pause


class WorkerLoops:
    """Part of `WorkerFinder`: the loop a started function runs and its pause."""

    model: ProjectModel
    constants: Constants

    def loop_of(self, fq: str, depth: int = 0) -> dict[str, Any]:
        """The long-running loop of a function (or of a method a short wrapper awaits): its line, whether
        it is `while True`, and the sleep inside it, or {} when there is none."""
        facts, func = self.model.functions[fq]
        return self._paced_loop(fq, facts, func) or _stream_loop(fq, facts, func) or \
            self._handed_over_loop(fq, func, depth)

    def _paced_loop(self, fq: str, facts: ModuleFacts,
                    func: FunctionFacts) -> dict[str, Any] | None:
        """The function's first endless loop outside a deadline, with the pause inside it (the
        loop's own pause first)."""
        for line, info in sorted(func.extra.get("loops", {}).items()):
            if not endless_loop(info) or under_deadline(func, line):  # `while ...`, `for c in itertools.count():`
                continue
            end = _block_end(func, line)
            if _waits_for_readiness(func, info, line, end):
                continue
            sleeps = [(s, i) for s in func.calls if line <= s.line <= end and (i := _pause_index(s)) >= 0]
            sleeps += self._helper_pauses(fq, line, end)
            # the loop's own pause first, and a regular one before an error handler's back-off
            handlers = [(b["line"], b.get("end", b["line"])) for b in func.extra.get("blocks", ())
                        if b.get("kind") == "except"]
            sleeps.sort(key=lambda s: (s[0].loop_line != line,
                                       any(a <= s[0].line <= b for a, b in handlers), s[0].line))
            return {"function": fq, "path": facts.path, "line": line,
                    "forever": info.get("iter") is True or info.get("kind") == "for",
                    "sleep": self._sleep_text(fq, *sleeps[0]) if sleeps else "",
                    "sleep_line": sleeps[0][0].line if sleeps else 0}
        return None

    def _handed_over_loop(self, fq: str, func: FunctionFacts, depth: int) -> dict[str, Any]:
        """The loop of a method a short function awaits (`async def run(self): await
        self._consume()`)."""
        if depth < 2 and func.code_lines <= _HANDOVER_LINES:
            for edge in self.model.edges.get(fq, ()):
                callee = edge.target.name if edge.target.kind == "function" else ""
                if callee and edge.site.awaited and callee != fq:
                    found = self.loop_of(callee, depth + 1)
                    if found:
                        return found
        return {}

    def _helper_pauses(self, fq: str, line: int, end: int) -> list[tuple[Any, int]]:
        """(site, index of the duration argument) of the awaited project helpers inside the loop that
        only pause: `await sleep_or_stop(stop, self.interval)` is the loop's sleep, cut short on shutdown."""
        out = []
        for edge in self.model.edges.get(fq, ()):
            if edge.target.kind == "function" and edge.site.awaited and line <= edge.site.line <= end:
                index = self._pause_param(edge.target.name)
                if index >= 0:
                    out.append((edge.site, index))
        return out

    def _pause_param(self, fq: str) -> int:
        """The parameter index of a short helper's pause length: it sleeps for it, or waits on an
        event with it as the timeout (`wait_for(stop.wait(), timeout=seconds)`); -1 when it is no pause."""
        found = self.model.functions.get(fq)
        if found is None or found[1].code_lines > _PAUSE_LINES:
            return -1
        names = [p.name for p in found[1].params if p.name not in ("self", "cls")]  # as the caller passes them
        params = {name: index for index, name in enumerate(names)}
        for site in found[1].calls:
            index = _pause_index(site)
            length = (site.args[index] if index < len(site.args) else site.kwargs.get("timeout")) if index >= 0 \
                else None
            if isinstance(length, dict) and length.get("ref") in params:
                return params[length["ref"]]
        return -1

    def _sleep_text(self, fq: str, site: Any, index: int = 0) -> str:
        """The sleep's argument, traced to a value where the code allows ("2.0 (self.interval, ...)")."""
        if len(site.args) <= index and "timeout" not in site.kwargs:
            return ""
        value = site.args[index] if len(site.args) > index else site.kwargs["timeout"]
        text = self.constants.of_value(fq, value).describe()
        return "a computed interval" if text.startswith("<") else text


def _waits_for_readiness(func: FunctionFacts, info: dict[str, Any], line: int, end: int) -> bool:
    """`while not pubsub.subscribed: await asyncio.sleep(0.5)` before the function's real loop: a
    wait on a condition whose body only pauses, which ends once the condition holds. The loop after
    it (an `async for` over the stream, a `while True`) is what keeps the task alive."""
    inside = [s for s in func.calls if line <= s.line <= end]
    if info.get("iter") is True or not inside or any(_pause_index(s) < 0 for s in inside):
        return False
    return any(other > end for other in func.extra.get("loops", {}))


def _stream_loop(fq: str, facts: ModuleFacts, func: FunctionFacts) -> dict[str, Any] | None:
    """The function's first `async for`: a stream it consumes, with no pause of its own. The
    stream may be a call (`async for msg in pubsub.listen():`, a call site used as "async-for")
    or an attribute or name (`async for message in client.messages:`, only in the loop facts)."""
    streams = [(site.line, site.name) for site in func.calls if getattr(site, "used_as", "") == "async-for"]
    streams += async_iterated(func)
    if not streams:
        return None
    line, name = min(streams)
    return {"function": fq, "path": facts.path, "line": line, "forever": False,
            "stream": name, "sleep": "", "sleep_line": 0}


def async_iterated(func: FunctionFacts) -> list[tuple[int, str]]:
    """(line, dotted name) of each `async for` over a name or attribute (`async for message in
    client.messages:`): only the loop facts keep it, since no call is made there."""
    return [(line, info["iter"]["ref"]) for line, info in func.extra.get("loops", {}).items()
            if info.get("async") and isinstance(info.get("iter"), dict) and isinstance(info["iter"].get("ref"), str)]


def _pause_index(site: Any) -> int:
    """The argument position of a pause's length: `sleep(t)` (0), or a wait on an event that times out,
    `wait_for(stop.wait(), timeout=t)` (1); -1 when the call is no pause."""
    name = site.name.rsplit(".", 1)[-1]
    if name == "sleep":
        return 0
    if name == "wait_for" and any(isinstance(a, dict) and str(a.get("call", "")).endswith("wait")
                                  for a in site.args[:1]):
        return 1
    return -1


def endless_loop(info: dict[str, Any]) -> bool:
    """`while ...` or `for attempt in itertools.count()`: a loop that runs until something
    stops it, rather than once per item. Not one that walks a chain (`while folder: folder = await
    parent_of(folder)`) nor one that leaves after each pass unless a flag it clears asks for another
    (`while True: self._rerun = False; ...; if not self._rerun: break`): those end on their own."""
    if info.get("kind") == "while":
        return not info.get("walks") and not info.get("rerun")
    it = info.get("iter")
    return info.get("kind") == "for" and isinstance(it, dict) and it.get("call") in ("itertools.count", "count")


def under_deadline(func: FunctionFacts, line: int) -> bool:
    """`async with asyncio.timeout(t): while True: ...`: the loop waits for one answer and the
    deadline ends it; it does not keep a worker alive."""
    return any(block.get("kind") == "with" and is_timeout_wrapper(block.get("expr", ""))
               and block["line"] < line <= block.get("end", line) for block in func.extra.get("blocks", ()))


def _block_end(func: Any, line: int) -> int:
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "loop" and block.get("line") == line:
            return block.get("end", line)
    return func.end_line
