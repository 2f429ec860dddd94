"""The project's functions in fq order, for rules that walk every function (or those under a
class, or nested in one) dozens of times per run: sorted and listed once, then sliced."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from ..facts.types import FunctionFacts, ModuleFacts
from .derived import DerivedAnalyses


class FunctionIndex(DerivedAnalyses):
    """Ordered views of `functions` (fq -> its module and facts)."""

    functions: dict[str, tuple[ModuleFacts, FunctionFacts]]

    def function_of(self, fq: str) -> tuple[ModuleFacts, FunctionFacts]:
        return self.functions[fq]

    def iter_functions(self, within: "set[str] | None" = None) -> Iterator[tuple[str, ModuleFacts, FunctionFacts]]:
        """Every function in fq order (the triples listed once: rules walk this dozens of times
        per run, and iterating a list costs far less than a generator); only those `within` a set
        when one is given (see `functions_calling`)."""
        functions = self.functions
        if within is None:
            return iter(self.memo("function_triples",
                                  lambda: [(fq, *functions[fq]) for fq in self._function_order()]))
        return iter([(fq, *functions[fq]) for fq in sorted(fq for fq in within if fq in functions)])

    def functions_under(self, prefix: str) -> list[str]:
        """The fqs starting with `prefix` (a class's `mod.Cls.`: its methods and what nests in
        them), in fq order: a slice of the sorted list instead of a scan of every function."""
        order = self._function_order()
        start = bisect_left(order, prefix)
        end = start
        while end < len(order) and order[end].startswith(prefix):
            end += 1
        return order[start:end]

    def nested_in(self, fq: str) -> list[str]:
        """The functions defined inside `fq`, at any depth (`fq.<locals>.probe`, ...)."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for name in self.functions:
                parts = name.split(".<locals>.")
                for depth in range(1, len(parts)):
                    out.setdefault(".<locals>.".join(parts[:depth]), []).append(name)
            return out
        return self.memo("nested_functions", build).get(fq, [])

    def _function_order(self) -> list[str]:
        return self.memo("sorted_functions", lambda: sorted(self.functions))
