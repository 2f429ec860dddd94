"""RA318 blocking-cpu-in-async: the same payload serialised again on every loop iteration."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import Edge
from ..api import ProjectContext, Rule, register
from ._blocking import short, target_name

ENCODERS = frozenset({"json.dumps", "orjson.dumps", "ujson.dumps", "simplejson.dumps", "rapidjson.dumps",
                      "pickle.dumps", "msgpack.packb", "msgpack.dumps", "yaml.dump", "yaml.safe_dump"})


@register
class SerializationInLoop(Rule):
    """A coroutine that encodes the same object (`json.dumps(message)`) on every iteration of
    a loop, typically once per connected client.

    What it finds:
        `json.dumps`/`orjson.dumps`/`pickle.dumps`/`msgpack.packb`/`yaml.dump` called inside a
        `for` loop or comprehension of an `async def` on a name bound before the loop (a parameter,
        a local assigned earlier, `self.x`, a module global) that is not the loop variable.
        Encoding something that changes per iteration is not reported.

    Why it matters:
        Serialisation is pure CPU on the event-loop thread. A 200 kB snapshot sent to 2,000
        clients is encoded 2,000 times, hundreds of milliseconds during which no other
        request, message or task runs, to produce identical bytes each time.

    Example:
        for client in self.clients:
            await client.send_text(json.dumps(snapshot))

    Instead:
        Encode once, before the loop:

            payload = json.dumps(snapshot)
            for client in self.clients:
                await client.send_text(payload)
    """

    id = "RA318"
    name = "serialization-in-loop"
    category = "blocking-cpu-in-async"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, facts, func in model.iter_functions():
            if not func.is_async or is_test_path(facts.path):
                continue
            for edge in model.edges.get(fq, ()):
                if target_name(edge) in ENCODERS and edge.site.loop_line and _invariant(facts, func, edge.site):
                    yield self._finding(fq, facts.path, func, edge)

    def _finding(self, fq: str, path: str, func: FunctionFacts, edge: Edge) -> Finding:
        site = edge.site
        subject = site.args[0]["ref"]
        loop = func.extra.get("loops", {}).get(site.loop_line, {})
        over = site.loop_iter or "the loop's items"
        description = (f"`{short(fq)}` calls `{site.name}({subject})` on every iteration of the loop over `{over}` "
                       f"(line {site.loop_line}), but `{subject}` does not change inside the loop: identical bytes are "
                       f"produced once per item, all of it CPU on the event loop.")
        target = loop.get("target") or "item"
        recommendation = ("Encode once before the loop and reuse the result:\n\n"
                          f"    payload = {site.name}({subject})\n"
                          f"    for {target} in {over}:\n"
                          "        ...  # use payload")
        return self.finding(Location(path, site.line, site.end_line),
                            f"`{subject}` re-serialised on every iteration in `{short(fq)}`", description,
                            related=[Location(path, site.loop_line, site.loop_line, "the loop")],
                            recommendation=recommendation)


def _invariant(facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> bool:
    """The encoded name is bound before the loop and is not its variable."""
    first = site.args[0] if site.args else None
    if not isinstance(first, dict) or "ref" not in first or "[]" in first["ref"]:
        return False
    head = first["ref"].split(".")[0]
    loop = func.extra.get("loops", {}).get(site.loop_line, {})
    if loop.get("kind") not in ("for", "comp"):
        return False  # a `while` retry/reconnect loop is not one encoding per item
    if head in str(loop.get("target", "")).split(","):
        return False
    if head in func.extra.get("rebound", ()):
        return False
    if head in func.local_types:  # assigned in the function (a parameter reassigned counts too)
        value = func.local_types[head]
        return isinstance(value, dict) and 0 < value.get("line", 0) < site.loop_line
    if head == "self" or any(p.name == head for p in func.params):
        return True
    return head in facts.assigns
