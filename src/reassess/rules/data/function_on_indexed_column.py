"""RA214 slow-query: a function or cast around an indexed column defeats its index."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import of_context
from ..api import ProjectContext, Rule, register
from ._common import live_statements, short


@register
class FunctionOnIndexedColumn(Rule):
    """A WHERE test that wraps an indexed column in a function or cast.

    What it finds:
        Tests such as `lower(email) = $1`, `date(created_at) = $1`, `created_at::date = $1` or
        `func.lower(User.email) == x`, where the column has a plain index (or key) and no
        expression index on the same function is declared.

    Why it matters:
        The index stores the column's values, not the function's results, so the database
        cannot use it and reads the whole table instead.

    Example:
        SELECT id FROM users WHERE lower(email) = $1     -- users.email has a UNIQUE index

    Instead:
        Compare the bare column (normalise the value on write and on the parameter side), or
        add an expression index:

            CREATE INDEX CONCURRENTLY ix_users_lower_email ON users (lower(email));
    """

    id = "RA214"
    name = "function-on-indexed-column"
    category = "slow-query"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        schema = data.schema
        for stmt in live_statements(data):
            for use in stmt.where_uses():
                if not use.wrapped or use.wrapped == "coalesce" or not use.table or \
                        use.op not in ("=", "range", "in", "any", "between"):
                    continue
                indexes = schema.indexes_of(use.table)
                plain = [i for i in indexes if i.leading == use.column]
                expression = [i for i in indexes if i.leading != use.column and use.column in i.leading]
                if not plain or expression or not schema.knows_indexes(use.table):
                    continue
                shown = f"{use.wrapped}({use.column})" if not use.wrapped.startswith("::") else \
                    f"{use.column}{use.wrapped}"
                index = plain[0]
                description = (
                    f"`{short(stmt.function) or stmt.path}` tests `{shown}`; the index on `{use.table}.{use.column}` "
                    f"({index.path}:{index.line}) holds the plain values, so it cannot serve this test and the "
                    f"query reads all of `{use.table}`."
                )
                yield self.finding(
                    Location(stmt.path, use.line, use.line),
                    f"`{shown}` cannot use the index on `{use.table}.{use.column}`", description,
                    related=[Location(index.path, index.line, index.line, "the index the test cannot use")],
                    recommendation=(
                        f"Compare the bare column (store `{use.column}` normalised and normalise the parameter), or "
                        f"add an expression index:\n\n    CREATE INDEX CONCURRENTLY ix_{use.table}_{use.column}_expr "
                        f"ON {use.table} (({shown}));"),
                )
