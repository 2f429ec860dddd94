"""The shape of the file rules that report smells found by the shared walk (_filescan)."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule
from ._filescan import Smell, smells
from ._common import is_migration_path, is_test_path, is_tooling_path


class SmellRule(Rule):
    """A file rule reporting the smells of some kinds; subclasses write the finding."""

    scope = "file"
    kinds: tuple[str, ...] = ()
    skip_tests = True

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if self.skip_tests and (is_test_path(ctx.path) or is_migration_path(ctx.path) or is_tooling_path(ctx.path)):
            return
        for smell in smells(ctx.tree, ctx.facts):
            if smell.kind in self.kinds:
                finding = self.describe(ctx, smell)
                if finding is not None:
                    yield finding

    def describe(self, ctx: FileContext, smell: Smell) -> Finding | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def in_loop(self, ctx: FileContext, smell: Smell, title: str, description: str, **kwargs) -> Finding:
        """A finding at the smell's lines with the loop it repeats in as the related location; over
        an imported name, it holds unless the project shows that name is a written-out collection."""
        if smell.data.get("table"):
            extra = kwargs.get("extra") or {}
            kwargs["extra"] = {**extra, "unless": [*extra.get("unless", ()),
                                                   {"check": "fixed-table", "name": smell.data["table"]}]}
        return self.finding(ctx.line_loc(smell.line, smell.end_line), title, description,
                            related=[ctx.line_loc(smell.data["loop_line"], note="the loop")], **kwargs)

    @staticmethod
    def where(smell: Smell) -> str:
        return f"`{smell.function}`" if smell.function else "module level"
