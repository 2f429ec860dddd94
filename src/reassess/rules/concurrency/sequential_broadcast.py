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
        messages to one client are not reported, nor loops over the parts of one message that
        each send themselves (`await element.send(for_id=msg.id)`, no payload handed over).

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
            in_loops = _sends_in_for_loops(model.edges.get(fq, ()), loops)
            examined += len(in_loops)
            sends: dict[int, list[Edge]] = {}  # one finding per loop: its first unbounded send, the rest related
            for edge in in_loops:
                loop = loops[edge.site.loop_line]
                targets = [t for t in str(loop.get("target", "")).split(",") if t]
                blocks = func.extra.get("blocks", ())
                if edge.site.func[0] in targets and not bounded_send(model.edges[fq], edge, blocks):
                    sends.setdefault(edge.site.loop_line, []).append(edge)
            for line in sorted(sends):
                yield self._finding(ctx, fq, facts.path, sends[line], loops.get(line, {}))
        ctx.examine("sends inside loops", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, edges: list[Edge], loop: dict) -> Finding:
        edge = edges[0]
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
                            related=[Location(path, site.loop_line, site.loop_line, "the loop over clients"),
                                     *(Location(path, e.site.line, e.site.end_line, "also awaited per client in turn")
                                       for e in edges[1:])],
                            recommendation=recommendation)


def _sends_in_for_loops(edges: Iterable[Edge], loops: dict) -> list[Edge]:
    """Awaited sends made inside a `for` loop, each delivering a payload to the item."""
    return [e for e in edges if e.site.used_as == "await" and e.site.loop_line and e.site.func
            and e.site.func[-1] in SENDS and loops.get(e.site.loop_line, {}).get("kind") == "for"
            and _delivers_payload(e)]


_PAYLOADS = frozenset({"data", "message", "text", "text_data", "bytes_data", "json", "payload", "body", "content"})


def _delivers_payload(edge: Edge) -> bool:
    """`connection.send_json(message)` hands the item something to deliver; `element.send(for_id=...)`
    with no payload sends the item itself (a part of one message, through the sender's own session),
    so a loop of those is not a loop over recipients."""
    site = edge.site
    return bool(site.args) or site.star_args or bool(_PAYLOADS & site.kwargs.keys())


def bounded_send(edges: Iterable[Edge], edge: Edge, blocks: Iterable[dict]) -> bool:
    """The send is wrapped in wait_for/timeout (or handed to gather), or sits in `async with timeout(...)`."""
    line = edge.site.line
    if any(b.get("kind") == "with" and b["line"] <= line <= b["end"]
           and str(b.get("expr", "")).rsplit(".", 1)[-1] in _BOUNDED for b in blocks):
        return True
    return any(other.site.func and other.site.func[-1] in _BOUNDED and other.site.line <= line <= other.site.end_line
               for other in edges if other is not edge)
