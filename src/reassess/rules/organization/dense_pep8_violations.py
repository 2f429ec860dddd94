"""RA864 pep8: PEP 8 violations dense enough to show no formatter or style check keeps the code."""
from __future__ import annotations

from typing import Any, Iterator

from ...findings import Finding, Location
from ...metrics.pep8 import FINDING_DENSITY, FINDING_MINIMUM, LINE_LENGTH, RULE
from ..api import ProjectContext, Rule, register
from ..quality.sizing import hours, plural

MANUAL_FIXES_PER_HOUR = 60  # what a formatter leaves (long strings and comments) is fixed by hand


@register
class DensePep8Violations(Rule):
    """PEP 8 violations (as ruff's pycodestyle checks count them) at a density that shows no
    formatter or style check keeps the code.

    What it finds:
        One finding for the whole run when ruff's pycodestyle rules (E and W, lines longer
        than 99 characters) count at least 10 violations per 1,000 lines and at least 20 in
        all: the most frequent rule codes and the files that carry most of them. Code kept by
        a formatter and a style check in CI stays far below that (long string literals and
        comments, which formatters leave alone, are most of what remains). The figures
        themselves are in the PEP 8 section whatever their level; names are judged by the
        naming rule. ruff reads no configuration file of the project here, so a project that
        switched a check off on purpose is still counted.

    Why it matters:
        Inconsistent layout makes every diff noisier and every review slower, hides real
        changes among whitespace ones, and lets style debates replace review of behaviour.
        A formatter settles it once, with no change in behaviour.

    Example:
        def place_order(user_id,symbol ,qty):
            if qty==None : return {"error":"quantity required","code":400,"detail":"the order needs a quantity"}

    Instead:
        Format once and keep it formatted: `ruff format` (or black) over the tree, then
        `ruff check --select E,W --fix` for what the formatter does not touch, and both in
        CI so that it stays that way:

            [tool.ruff]
            line-length = 99

            [tool.ruff.lint]
            extend-select = ["E", "W"]
    """

    id = RULE
    name = "pep8"
    category = "pep8"
    severity = "LOW"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        figures: dict[str, Any] = ctx.extra.get("pep8") or {}
        if "violations" not in figures:
            return  # ruff did not run: the PEP 8 section says why
        ctx.examine("lines checked by ruff", figures["lines_checked"])
        density, total = figures["violations_per_1000_lines"], figures["violations"]
        files = [f for f in figures["top_files"] if f["path"] in ctx.model.by_path]
        threshold = self.option("pep8_violations_per_1000_lines", FINDING_DENSITY)
        if density < threshold or total < FINDING_MINIMUM or not files:
            return
        yield self._finding(figures, files)

    def _finding(self, figures: dict[str, Any], files: list[dict[str, Any]]) -> Finding:
        total, density = figures["violations"], figures["violations_per_1000_lines"]
        codes = "; ".join(f"{c['code']} {c['description']} ({plural(c['count'], 'time')} in "
                          f"{plural(c['files'], 'file')})" for c in figures["by_code"][:5])
        worst = ", ".join(f"`{f['path']}` ({f['violations']}: {f['main_codes']})" for f in files[:3])
        first = files[0]
        long_lines = next((c["count"] for c in figures["by_code"] if c["code"] == "E501"), 0)
        description = (f"{figures['tool']} counts {plural(total, 'PEP 8 violation')} in "
                       f"{figures['files_with_violations']} of {figures['files_checked']} files: {density:g} per "
                       f"1,000 lines ({figures['lines_checked']} lines checked). Most frequent: {codes}. "
                       f"Most affected: {worst}.")
        manual = long_lines + max(0, total - long_lines) // 4  # most other checks are fixed automatically
        return self.finding(
            Location(first["path"], first["first_line"], first["first_line"]),
            f"{plural(total, 'PEP 8 violation')} ({density:g} per 1,000 lines) across "
            f"{plural(figures['files_with_violations'], 'file')}",
            description,
            recommendation=_recommendation(long_lines, figures.get("line_length", LINE_LENGTH)),
            related=[Location(f["path"], f["first_line"], f["first_line"],
                              f"{plural(f['violations'], 'violation')} in this file: {f['main_codes']}")
                     for f in files[1:]],
            effort=hours(self.base_effort + manual / MANUAL_FIXES_PER_HOUR, cap=16.0),
        )


def _recommendation(long_lines: int, length: int) -> str:
    wrap = (f"\n\nThe {plural(long_lines, 'line')} over {length} characters that the formatter cannot split "
            "(long strings, comments, SQL) are wrapped by hand, e.g. with implicit string concatenation:\n\n"
            "```python\nmessage = (\n    \"first part of the text \"\n    \"second part of the text\"\n)\n```"
            if long_lines else "")
    return ("Run a formatter once over the tree and keep it in CI together with the pycodestyle checks; "
            "formatting changes no behaviour, so every public signature stays as it is:\n\n"
            f"```toml\n[tool.ruff]\nline-length = {length}\n\n[tool.ruff.lint]\nextend-select = [\"E\", \"W\"]\n```\n\n"
            "```bash\nruff format . && ruff check --select E,W --fix .\n```" + wrap)
