"""Call sites by the name they call: rules looking for a few callees (`put`, `requests.get`) read
these instead of walking every call site of the project. Built on first use, once per run."""
from __future__ import annotations

from typing import Iterable

from .edges import Edge
from .function_index import FunctionIndex

Index = dict[str, list[tuple[int, Edge]]]


class CallSiteIndex(FunctionIndex):
    """Lookups over the call edges made in functions (`edges`), in caller fq order."""

    edges: dict[str, list[Edge]]

    def calls_named(self, *names: str) -> list[Edge]:
        """Calls made in functions whose callee as written ends in one of `names` (`self.q.put(...)`
        for "put"), in caller fq order, then the caller's call order. Rules looking for a few
        callees read this instead of walking every call site of the project."""
        return _from_index(self._call_indexes()[0], names)

    def calls_to(self, *targets: str) -> list[Edge]:
        """Calls made in functions whose resolved target is named one of `targets` (an external
        dotted name, a builtin or a project fq), in the same order as `calls_named`."""
        return _from_index(self._call_indexes()[1], targets)

    def target_names(self) -> list[str]:
        """Every distinct target name of the calls made in functions (for prefix and suffix
        searches over `calls_to`)."""
        return list(self._call_indexes()[1])

    def functions_calling(self, named: "Iterable[str]" = (), to: "Iterable[str]" = ()) -> set[str]:
        """Functions with a call whose callee as written ends in one of `named`, or whose target
        is one of `to`: a superset a rule narrows with its own tests, so that it walks these
        functions only (`iter_functions(within=...)`) and not the whole project."""
        named, to = tuple(named), tuple(to)
        found = {edge.caller for edge in self.calls_named(*named)} if named else set()
        if to:
            found.update(edge.caller for edge in self.calls_to(*to))
        return found

    def _call_indexes(self) -> tuple[Index, Index]:
        """Function calls by the last name of the callee as written, and by target name:
        name -> (position of the call in fq order then call order, edge). One pass for both."""
        return self.memo("call_indexes", self._index_calls)

    def _index_calls(self) -> tuple[Index, Index]:
        by_last: Index = {}
        by_target: Index = {}
        edges = self.edges
        position = 0
        for fq in self._function_order():
            for edge in edges[fq]:
                item = (position, edge)
                chain = edge.site.func
                if chain:
                    found = by_last.get(chain[-1])
                    if found is None:
                        by_last[chain[-1]] = [item]
                    else:
                        found.append(item)
                found = by_target.get(edge.target.name)
                if found is None:
                    by_target[edge.target.name] = [item]
                else:
                    found.append(item)
                position += 1
        return by_last, by_target


def _from_index(index: Index, names: tuple[str, ...]) -> list[Edge]:
    if len(names) == 1:
        return [edge for _, edge in index.get(names[0], ())]
    found = sorted((item for name in set(names) for item in index.get(name, ())), key=lambda item: item[0])
    return [edge for _, edge in found]
