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

    @staticmethod
    def where(smell: Smell) -> str:
        return f"`{smell.function}`" if smell.function else "module level"
