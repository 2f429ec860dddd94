"""String literals that read as SQL (`SqlText`), f-strings with module constants filled in.
"""
from __future__ import annotations

import ast
import re

from ..types import SqlText
from ..values import joined_text
from .state import WalkState


SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|MERGE|UPSERT)\b", re.I)

SQL_BODY = re.compile(r"\b(FROM|INTO|SET|TABLE|INDEX|VALUES|WHERE)\b", re.I)


class SqlFacts(WalkState):
    """Records SQL text written in string literals."""

    def visit_Constant(self, node: ast.Constant) -> None:
        """SQL text in a string literal; a docstring or other bare string statement is prose that never
        runs (`CallFacts.visit_Expr` marks them), never SQL a function executes."""
        if isinstance(node.value, str) and id(node) not in self.prose and SQL_START.match(node.value) \
                and SQL_BODY.search(node.value):
            self._sql(node.lineno, node.value, node.end_lineno or 0)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = joined_text(node, self._string_constant)
        if SQL_START.match(text) and SQL_BODY.search(text):
            self._sql(node.lineno, text, node.end_lineno or 0)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    def _string_constant(self, name: str) -> str | None:
        """A module-level string bound above (`_COLUMNS = "id, name"`), unless a local of the
        current function shadows it: `f"SELECT {_COLUMNS} FROM t"` reads as its full text."""
        func = self.frame.facts
        bound = self.facts.assigns.get(name)
        if bound is None or not isinstance(bound.value, str) or (func is not None and name in func.local_types):
            return None
        return bound.value

    def _sql(self, line: int, text: str, end_line: int = 0) -> None:
        func = self.frame.facts
        self.facts.sql.append(SqlText(line=line, text=text, function=func.qualname if func else "", end_line=end_line))
