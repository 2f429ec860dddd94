"""RA403 missing-timeout: a raw asyncio stream exchange that waits for the peer with no limit."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.blocking import LOOPBACK
from ...knowledge.clients import NETWORK_CONNECTS, STREAM_READS
from ...model.app import is_test_path
from ...model.overrides import never_runs
from ...model.statements import is_tooling_path
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._stream_replies import reply_helpers, stream_call, stream_sends, unbounded_reads


@register
class StreamExchangeWithoutTimeout(Rule):
    """A request/reply over asyncio streams, or the connect itself, with no timeout around it.

    What it finds:
        `asyncio.open_connection(...)` awaited without `asyncio.wait_for` / `asyncio.timeout`,
        and a `StreamReader.read*()` that waits for the reply to something the same function
        just wrote (`writer.write(...)` / `drain()` earlier), again with nothing bounding it
        (a timeout block, `wait_for`, or every caller bounding the function); also such a read in a
        helper that reads the peer's frame (`header = await self._reader.readexactly(4)` in
        `_read_frame`), called right after its caller wrote the request (`writer.write(...)`,
        `await writer.drain()`, then `await self._read_frame()`), cited in the helper. Streams have no
        timeout of their own. A connect to a local unix socket (`open_unix_connection`) succeeds
        or fails at once and is not reported; its exchanges are. A connect to a literal loopback
        host (`127.0.0.1`, `localhost`, `::1`) is answered by the local kernel at once and is LOW
        (it waits only when the local listener's backlog is full). A read in a loop that listens for whatever the peer pushes
        (no write before it) waits quietly by design and is not reported; a one-shot read of what the
        peer sends first (a banner), outside any loop, in a function that bounded its own connect is. Also an awaited
        `proc.communicate()` of an asyncio subprocess in served code with nothing bounding it:
        a hung child process is waited for just as long (`proc.wait()` is not reported: it is as
        often a launcher waiting on the long-lived child it started).

    Why it matters:
        A gateway that accepts the connection and then never answers (a hung legacy host, a
        half-open TCP connection after a failover) keeps the coroutine waiting for ever; an
        unanswered connect waits for the kernel's SYN retries (over two minutes on Linux).
        The request, its DB connection and any lock it holds are stuck with it.

    Example:
        writer.write(command + b"\\r\\n")
        await writer.drain()
        raw = await reader.readuntil(b"\\r\\n")

    Instead:
        Bound the reply like the connect:

            raw = await asyncio.wait_for(reader.readuntil(b"\\r\\n"), timeout=5)
    """

    id = "RA403"
    name = "stream-exchange-without-timeout"
    category = "missing-timeout"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        guards = analysis(model).guards
        for fq, edges in sorted(model.edges.items()):
            facts, func = model.functions[fq]
            if is_test_path(facts.path) or guards.covered.get(fq):
                continue
            sends = stream_sends(model).get(fq, [])
            reads = [e.site.line for e in edges if e.site.awaited and stream_call(e.target.name, "StreamReader",
                                                                                   STREAM_READS)]
            for edge in edges:
                if id(edge.site) in guards.bounded_sites or _rest_of_pushed_frame(func, edge.site.line, reads, sends):
                    continue
                what = _unbounded_wait(edge, sends, not is_tooling_path(facts.path)) \
                    or _greeting_read(func, edge, edges, guards)
                if what:
                    yield self._finding(fq, facts.path, edge.site, what, uncalled=never_runs(model, fq) == "uncalled")
        yield from self._reply_reads_in_helpers(model, guards)

    def _reply_reads_in_helpers(self, model, guards) -> Iterator[Finding]:
        """Unbounded reads in a helper that a caller awaits right after writing its request."""
        seen: set[int] = set()
        for caller, helper, call, send in reply_helpers(model, guards):
            path = model.functions[helper][0].path
            for site in [] if is_test_path(path) else unbounded_reads(model, guards, helper):
                if id(site) in seen:
                    continue
                seen.add(id(site))
                what = (f"`{site.name}()` waits for the peer's reply: `{short(caller)}` writes its request "
                        f"(line {send}) and then awaits `{short(helper)}()` (line {call.line}) to read it")
                yield self._finding(helper, path, site, what)

    def _finding(self, fq: str, path: str, site, what: str, uncalled: bool = False) -> Finding:
        title = f"{what.split(' ', 1)[0]} without a timeout in {short(fq)}"
        waited = "a child process that hangs" if "child process" in what else "a peer that stops answering"
        loopback = "loopback" in what
        if loopback:  # the local kernel answers at once: accepted into a backlog, or refused
            ending = ("but the local kernel answers a loopback connect at once (accepted into the listener's backlog "
                      "or refused when nothing listens): it waits only while a local listener has stopped accepting "
                      "and its backlog is full. The reads on the connection are what can wait for ever.")
        elif "connects to" in what:  # the kernel gives up on an unanswered connect, after its SYN retries
            ending = ("so a peer that never answers the connect keeps this coroutine waiting until the kernel's SYN "
                      "retries give up (over two minutes on Linux).")
        else:
            ending = f"so {waited} keeps this coroutine waiting for ever."
        description = (f"In `{short(fq)}` ({path}:{site.line}), {what}; asyncio streams have no timeout of "
                       f"their own, {ending}"
                       + (f" No call the analysis could resolve reaches `{short(fq)}` from code that runs." if uncalled else ""))
        recommendation = ("Wrap the wait in `asyncio.wait_for(..., timeout=...)` (or an `async with "
                          "asyncio.timeout(...)` block around the exchange), sized to the peer's slowest normal "
                          "answer, and treat the TimeoutError as a failed call.")
        impact = ""  # the docs' network wording
        if "child process" in what:
            impact = _CHILD_IMPACT
            recommendation = ("Wrap the wait in `asyncio.wait_for(proc.communicate(...), timeout=...)` sized to the "
                              "command's slowest normal run, and on TimeoutError kill the child (`proc.kill()`, then "
                              "`await proc.wait()`) and treat the run as failed.")
        return self.finding(Location(path, site.line, site.end_line), title, description, impact=impact,
                            recommendation=recommendation,
                            severity="LOW" if loopback else "MEDIUM" if uncalled else None)


def _rest_of_pushed_frame(func, line: int, reads: list[int], sends: list[int]) -> bool:
    """The read continues a frame the peer started pushing: the loop around it opens with a read
    that waits for whatever the peer sends (no write before it in the loop), and this read takes
    the rest of that message (`kind = await r.read(1)` ... `size = await r.readexactly(4)`). A write
    elsewhere in the loop answers an earlier message; this read does not wait for its reply."""
    loops = blk.enclosing(func, line, "loop")
    if not loops:
        return False
    loop = loops[-1]
    opening = [r for r in reads if loop["line"] <= r < line]
    return bool(opening) and not any(loop["line"] <= s < opening[0] for s in sends)


def _greeting_read(func, edge, edges, guards) -> str:
    """A one-shot read (outside any loop) of what the peer sends first (a banner, a greeting), in the
    function that opened the connection with a bounded connect earlier (`wait_for(open_connection(...),
    timeout=...)`): the function guards against a peer that does not answer the connect, and a peer
    that accepts and never speaks holds the read for ever."""
    site = edge.site
    if edge.target.kind != "external" or not site.awaited or blk.enclosing(func, site.line, "loop") \
            or not stream_call(edge.target.name, "StreamReader", STREAM_READS):
        return ""
    bounded = any(e.target.name in NETWORK_CONNECTS and id(e.site) in guards.bounded_sites and e.site.line < site.line
                  for e in edges)
    return f"`{site.name}()` waits for the peer to speak first after a bounded connect" if bounded else ""


def _unbounded_wait(edge, sends: list[int], served: bool = True) -> str:
    """What the call waits for, when it is an unbounded stream wait worth reporting."""
    name, site = edge.target.name, edge.site
    if edge.target.kind != "external" or not site.awaited:
        return ""
    if name in NETWORK_CONNECTS:
        host = site.kwargs.get("host", site.args[0] if site.args else None)
        if isinstance(host, str) and host in LOOPBACK:
            return f"`{name.rsplit('.', 1)[-1]}()` connects to the loopback address"
        return f"`{name.rsplit('.', 1)[-1]}()` connects to the peer"
    if stream_call(name, "StreamReader", STREAM_READS) and any(line < site.line for line in sends):
        return f"`{site.name}()` waits for the reply to what was just written"
    if served and name.startswith(_SUBPROCESS_STARTS) and name.endswith(".communicate"):
        return f"`{site.name}()` waits for the child process to finish"
    return ""


# What a hung child costs: the network wording of the docs (gateways, SYN retries) is not true of it.
_CHILD_IMPACT = ("A command that never exits (a tool stuck on a dead network share or its own network call, a "
                 "decoder looping on a corrupt input) keeps the coroutine waiting for ever, and the child process "
                 "with its pipes stays alive with it; whatever awaits this coroutine, and any lock it holds, is "
                 "stuck too.")


# `await proc.communicate()` collects the output of a command expected to finish: a child that
# hangs (ffmpeg on a corrupt file, a tool stuck on its own network call) is waited for with no end.
# (`proc.wait()` is left out: it is as often the wait on a long-lived child a launcher keeps running.)
_SUBPROCESS_STARTS = ("asyncio.create_subprocess_exec.", "asyncio.create_subprocess_shell.")
