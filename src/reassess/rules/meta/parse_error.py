"""RA001 parse-error."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register


@register
class ParseError(Rule):
    """A file that could not be read or parsed.

    What it finds:
        Python files that are not valid UTF-8 (or their declared encoding), contain NUL
        bytes, have syntax errors, are nested too deeply or exceed the size limit.

    Why it matters:
        Nothing in such a file is analysed, so its defects are missing from both reports;
        if the interpreter cannot parse it either, importing it fails at run time.

    Example:
        def handler(:

    Instead:
        Fix the syntax or encoding (add `# -*- coding: latin-1 -*-` or re-save as UTF-8), or
        exclude generated files with `exclude = [...]` in `[tool.reassess]`.
    """

    id = "RA001"
    name = "parse-error"
    category = "parse-error"
    severity = "MEDIUM"
    scope = "meta"  # produced by the pipeline itself
    base_effort = 0.5

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        return iter(())
