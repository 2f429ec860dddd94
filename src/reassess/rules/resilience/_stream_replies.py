"""Replies read by a helper: `_command` writes a request to an asyncio stream and awaits
`self._read_frame()`, whose `readexactly()` waits for the peer's answer. The wait belongs to
the exchange the caller started, as if the caller had read the reply itself."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...knowledge.clients import STREAM_READS, STREAM_SENDS
from ...model.resilience import blocks as blk


def stream_call(name: str, owner: str, methods: frozenset[str]) -> bool:
    """`name` is one of `methods` of asyncio's `owner` stream class (`...StreamWriter.write`)."""
    head, _, method = name.rpartition(".")
    return head.endswith(owner) and method in methods


def stream_sends(model) -> dict[str, list[int]]:
    """fq -> lines of the function's writes to an asyncio stream (awaited or not), for the functions
    that make any: asked for every function by RA403 and again for each helper a writer awaits, so
    computed once per run."""
    def build() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for fq, edges in model.edges.items():
            lines = [e.site.line for e in edges if stream_call(e.target.name, "StreamWriter", STREAM_SENDS)]
            if lines:
                found[fq] = lines
        return found
    return model.memo("resilience.stream_sends", build)


def unbounded_reads(model, guards, fq: str) -> list[CallSite]:
    """The function's awaited stream reads that nothing bounds and that no write of its own
    precedes (those are judged where they are, as the reply to that write)."""
    if guards.covered.get(fq):
        return []
    sends = stream_sends(model).get(fq, ())
    return [e.site for e in model.edges.get(fq, ()) if e.target.kind == "external" and e.site.awaited
            and stream_call(e.target.name, "StreamReader", STREAM_READS) and id(e.site) not in guards.bounded_sites
            and not any(line < e.site.line for line in sends)]


def reply_helpers(model, guards) -> Iterator[tuple[str, str, CallSite, int]]:
    """(caller, helper, the awaited call of the helper, the line of the write before it) for each
    project function with unbounded reads that a caller awaits, unbounded, after writing to a
    stream: in a loop, the write must come earlier in the same pass (a listener that reads what the
    peer pushes and answers afterwards waits quietly by design)."""
    for caller, sends in sorted(stream_sends(model).items()):
        func = model.functions[caller][1]
        for edge in model.edges[caller]:
            helper = model.callee_function(edge.target)
            if not helper or helper == caller or not edge.site.awaited or id(edge.site) in guards.bounded_sites:
                continue
            send = _write_before(func, edge.site.line, sends)
            if send and unbounded_reads(model, guards, helper):
                yield caller, helper, edge.site, send


def _write_before(func, line: int, sends: list[int]) -> int:
    """The last write before `line`, within the innermost loop around it when there is one; 0 if none."""
    loops = blk.enclosing(func, line, "loop")
    start = loops[-1]["line"] if loops else 0
    earlier = [s for s in sends if start <= s < line]
    return max(earlier) if earlier else 0


def stream_exchanges(model) -> dict[str, int]:
    """fq -> line of the first awaited write or read on an asyncio stream in the function: a
    request to a peer (a registry, a gateway) made over a raw connection rather than a client
    library, whose failures the function may raise as its own errors. Computed once per run."""
    def build() -> dict[str, int]:
        found: dict[str, int] = {}
        for fq, edges in model.edges.items():
            lines = [e.site.line for e in edges if e.site.awaited and e.target.kind == "external"
                     and (stream_call(e.target.name, "StreamWriter", STREAM_SENDS)
                          or stream_call(e.target.name, "StreamReader", STREAM_READS))]
            if lines:
                found[fq] = min(lines)
        return found
    return model.memo("resilience.stream_exchanges", build)
