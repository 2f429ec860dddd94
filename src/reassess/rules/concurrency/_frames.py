"""Data frames built from a handful of rows the function itself lays out.

`pd.DataFrame(rows)` converts its rows once, in time linear in them. When the function writes
the table out (`[[pair, rate], [pair, rate]]`) or fills it one row per configured market, per
entry of a settings mapping, per order an object holds, the frame is as small as that loop and
costs microseconds: a status table, not data-frame processing. It is heavy when its rows are
the function's input data (a parameter's items, a fetched or queried result) or when it is
built again on every pass of a loop (paging), and those stay reported.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.project import Edge

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts
    from ...model.project import ProjectModel

FRAME_BUILDERS = frozenset({"pandas.DataFrame", "pandas.DataFrame.from_records", "pandas.DataFrame.from_dict"})
_VIEWS = (".items", ".values", ".keys")
_FILLS = frozenset({"append", "extend"})
_WALKERS = frozenset({"enumerate", "zip", "sorted", "reversed", "range", "list", "len"})


def laid_out_frame(model: "ProjectModel", edge: Edge, name: str) -> bool:
    """A frame built once (not in a loop) from rows the function writes out or fills itself
    from something other than its parameters, or from a mapping's entries (`status.items()`)."""
    site = edge.site
    if name.startswith("pandas.DataFrame.") and name not in FRAME_BUILDERS:
        return _on_laid_out_frame(model, edge)
    if name not in FRAME_BUILDERS or site.loop_line:
        return False
    data = site.kwargs.get("data", site.args[0] if site.args else None)
    if not isinstance(data, dict):
        return False
    if "call" in data:
        return str(data["call"]).endswith(_VIEWS)
    ref = data.get("ref")
    func = model.functions[edge.caller][1]
    return isinstance(ref, str) and "." not in ref and _laid_out(func, ref)


def _on_laid_out_frame(model: "ProjectModel", edge: Edge) -> bool:
    """`df.sort_values(...)` on a local bound to such a frame (`df = pd.DataFrame(rows)`): as small."""
    func = model.functions[edge.caller][1]
    line = func.call_line(edge.site.func[0]) if edge.site.func and len(edge.site.func) == 2 else 0
    return any(other.site.line == line and laid_out_frame(model, other, other.target.name)
               for other in model.edges.get(edge.caller, ()) if other.target.name in FRAME_BUILDERS)


def _laid_out(func: "FunctionFacts", ref: str) -> bool:
    """`ref` is a local bound to a list literal, and every row added to it comes from a loop over
    something other than a parameter of the function."""
    bound = func.local_types.get(ref)
    if not (isinstance(bound, list) or isinstance(bound, dict) and bound.get("literal") == "list"):
        return False
    params = {p.name for p in func.params} - {"self", "cls"}
    fills = [s for s in func.calls if s.func and s.func[-1] in _FILLS and ".".join(s.func[:-1]) == ref]
    return not any(_over_input(func, fill, params) for fill in fills)


def _over_input(func: "FunctionFacts", fill: "CallSite", params: set[str]) -> bool:
    """The loop that adds this row walks input data: a parameter (`for trade in trades`,
    `enumerate(positions)`) or what a call returns (`for row in await conn.fetch(...)`); a
    mapping view or a builtin over the object's own state (`self.markets.items()`) is not. A local
    the function bound to a call's result (`incidents = await repo.between(start, end)`, then `for
    incident in incidents`) is judged by that call, as if it were written in the loop's header."""
    root = fill.loop_iter.split(".", 1)[0]
    if root in params:
        return True
    lines = {fill.loop_line, func.call_line(root)} - {0}
    for header in (s for s in func.calls if s.line in lines and s is not fill and s.func):
        if header.awaited or header.func[0] in params:
            return True
        if not header.name.endswith(_VIEWS) and header.name not in _WALKERS:
            return True
        if any(isinstance(a, dict) and str(a.get("ref", "")).split(".", 1)[0] in params for a in header.args):
            return True
    return False

