"""RA313 backpressure: a broadcast that awaits each client in turn."""
from __future__ import annotations

from typing import Iterable, Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import Edge
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._text import call_source

SENDS = frozenset({"send_json", "send_text", "send_bytes", "send_str", "send", "send_message", "send_personal_message"})
_BOUNDED = frozenset({"wait_for", "timeout", "timeout_at", "move_on_after", "fail_after", "gather", "wait"})


@register
class SequentialBroadcast(Rule):
    """A loop over connected clients that awaits a send to each one before the next.

    What it finds:
        `for connection in recipients: await connection.send_json(message)` and the like:
        an awaited `send*` on the loop variable (or an attribute of it) inside a `for` loop,
        with no `asyncio.wait_for`/`timeout` around the send. Loops that send several
        messages to one client are not reported.

    Why it matters:
        A send waits until the client's socket accepts the data. One slow or half-dead client
        (a phone on a bad network) makes every client after it wait; the broadcast takes as
        long as the slowest peer, the producer feeding it backs up, and an exception from one
        closed socket aborts delivery to everyone after it.

    Example:
        for connection in recipients:
            await connection.send_json(message)

    Instead:
        Send concurrently with a per-client timeout, and drop clients that fail:

            async def deliver(connection):
                try:
                    await asyncio.wait_for(connection.send_json(message), timeout=2)
                except Exception:
                    self.disconnect(connection, channel)

            await asyncio.gather(*(deliver(c) for c in recipients))
    """

    id = "RA313"
    name = "sequential-broadcast"
    category = "backpressure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        examined = 0
        for fq, facts, func in model.iter_functions():
            if not func.is_async or is_test_path(facts.path):
                continue
            loops = func.extra.get("loops", {})
            edges = model.edges.get(fq, ())
            for edge in edges:
                site = edge.site
                if site.used_as != "await" or not site.loop_line or not site.func or site.func[-1] not in SENDS:
                    continue
                loop = loops.get(site.loop_line, {})
                if loop.get("kind") != "for":
                    continue
                examined += 1
                targets = [t for t in str(loop.get("target", "")).split(",") if t]
                if site.func[0] not in targets or bounded_send(edges, edge, func.extra.get("blocks", ())):
                    continue
                yield self._finding(ctx, fq, facts.path, edge, loop)
        ctx.examine("sends inside loops", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, edge: Edge, loop: dict) -> Finding:
        site = edge.site
        iterable = loop.get("iter")
        items = iterable.get("ref") or iterable.get("call", "") if isinstance(iterable, dict) else ""
        over = f"`{items}`" if items else "the connected clients"
        description = (f"`{short(fq)}` awaits `{site.name}(...)` for each client of {over} in turn (loop at line "
                       f"{site.loop_line}). One slow or stalled client delays every client after it and the "
                       f"whole broadcast; an exception from one closed connection stops delivery to the rest.")
        call = call_source(ctx.model, edge)
        target = site.func[0]
        recommendation = ("Send to all clients concurrently, each with a timeout, and drop the ones that fail:\n\n"
                          f"    async def deliver({target}):\n"
                          "        try:\n"
                          f"            await asyncio.wait_for({call}, timeout=2)\n"
                          "        except Exception:\n"
                          f"            ...  # unregister {target}\n\n"
                          f"    await asyncio.gather(*(deliver({target}) for {target} in {items or 'clients'}))")
        return self.finding(Location(path, site.line, site.end_line),
                            f"Broadcast in `{short(fq)}` awaits each client in turn", description,
                            related=[Location(path, site.loop_line, site.loop_line, "the loop over clients")],
                            recommendation=recommendation)


def bounded_send(edges: Iterable[Edge], edge: Edge, blocks: Iterable[dict]) -> bool:
    """The send is wrapped in wait_for/timeout (or handed to gather), or sits in `async with timeout(...)`."""
    line = edge.site.line
    if any(b.get("kind") == "with" and b["line"] <= line <= b["end"]
           and str(b.get("expr", "")).rsplit(".", 1)[-1] in _BOUNDED for b in blocks):
        return True
    return any(other.site.func and other.site.func[-1] in _BOUNDED and other.site.line <= line <= other.site.end_line
               for other in edges if other is not edge)
