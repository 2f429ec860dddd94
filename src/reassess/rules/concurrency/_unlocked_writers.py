"""UPDATE statements reached with no lock held, for RA321: a lock around a read and its write-back
helps only when every other writer of the column takes it too."""
from __future__ import annotations

from ...facts.types import FunctionFacts
from ...findings import Finding, Location
from ..api import ProjectContext
from ._blocking import short
from ._dbaccess import Access, db_access
from ._entries import serving_coroutines
from .select_then_insert import _locked


class UnlockedWriters:
    """UPDATE statements reached with no lock held: none around the statement, nor (up to `_HOPS`
    callers up) around some call leading to it. An in-process lock around a read and its write-back
    (`async with account_lock(id):` ... `set_cash_balance(id, balance + delta)`) only orders the
    code that takes it: a deposit adding to the same column without it changes the row between
    the read and the write, and the write-back overwrites the deposit."""

    _HOPS = 3

    def __init__(self, ctx: ProjectContext) -> None:
        self.model, self.db = ctx.model, db_access(ctx)
        self.coroutines = [fq for fq, _facts, _func in serving_coroutines(ctx)]
        self.known: dict[str, list[tuple[Access, tuple[str, int]]]] = {}

    def beside(self, fq: str, read: Access) -> tuple[Access, tuple[str, int]] | None:
        """(the UPDATE, the unlocked call or statement leading to it) of a column `read` selected, on
        its table, outside `fq`."""
        columns = read.selected | read.columns
        return next(((update, top) for update, top in self._writers(read.table)
                     if top[0] != fq and update.columns & columns), None) if columns else None

    def explain(self, finding: Finding, fq: str, func: FunctionFacts, read: Access, write: int) -> Finding:
        """The finding, saying why the lock held across the read and the write does not help."""
        other = self.beside(fq, read) if _locked(func, read.line, write) else None
        if other is None or other[1][0] not in self.model.functions:
            return finding
        (writer, line) = other[1]
        finding.description += (f" The lock held from the read to the write does not help: `{short(writer)}` "
                                f"updates the same column without it (line {line}).")
        path = self.model.functions[writer][0].path
        finding.related_locations.append(Location(path, line, line, "the same column updated without the lock"))
        return finding

    def _writers(self, table: str) -> list[tuple[Access, tuple[str, int]]]:
        if table not in self.known:
            found = []
            for fq in self.coroutines:
                for update in self.db.summary(fq).updates:
                    top = self._unlocked(fq, update.line, self._HOPS) if update.table == table \
                        and not update.through else None
                    found += [(update, top)] if top else []
            self.known[table] = found
        return self.known[table]

    def _unlocked(self, fq: str, line: int, hops: int) -> tuple[str, int] | None:
        """(function, line) where a path of calls to `line` of `fq` that no lock covers leaves the
        helper holding the statement: its caller's call (`withdraw` calling `adjust_cash_balance`),
        or the statement itself in code nothing calls."""
        path = self._unlocked_path(fq, line, hops)
        return (path[1] if len(path) > 1 else path[0]) if path else None

    def _unlocked_path(self, fq: str, line: int, hops: int) -> list[tuple[str, int]]:
        """[(function, line), ...] from the statement up to an entry, none of it under a lock; [] if none."""
        if fq not in self.model.functions:  # module-level code
            return [(fq, line)]
        if _locked(self.model.functions[fq][1], line, line):
            return []
        callers = self.model.callers.get(fq, ())
        if not callers or not hops:
            return [(fq, line)]
        return next(([(fq, line), *path] for edge in callers
                     if (path := self._unlocked_path(edge.caller, edge.site.line, hops - 1))), [])
