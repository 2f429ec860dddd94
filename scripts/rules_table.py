"""Print the README's rule table from the registry; with --write, replace it in README.md."""
from __future__ import annotations

import sys
from pathlib import Path

from reassess.rules.api import rule_classes

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def table() -> str:
    rows = ["| Rule | Category | Default severity | Report | What it finds |", "|---|---|---|---|---|"]
    for cls in rule_classes():
        rows.append(f"| {cls.id} | `{cls.category}` | {cls.severity} | {cls.report()} | {cls.summary()} |")
    return "\n".join(rows)


def replaced(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(replaced(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(table())
