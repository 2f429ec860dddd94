"""Inline-expectation rule cases.

Each folder below tests/cases/ is named after one finding category (optionally followed
by `@variant`, for a second project of the same category; `a+b@variant` when one project
is the case of two categories) and holds a small project (one file or several packages). A line that must be cited carries
`# expect: <category>`; every other line must stay silent for that category. The test
compares the exact set of (path, line, category), never counts.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import assess

CASES = Path(__file__).parent / "cases"
EXPECT = re.compile(r"#\s*expect:\s*([a-z0-9\-, ]+)")
# a rule that raises is caught and noted, and its findings are missing: it must not pass as silence
RULE_FAILED = re.compile(r"rule RA\d+ failed")


def expectations(folder: Path, category: str) -> set[tuple[str, int, str]]:
    wanted = set()
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or file.suffix not in (".py", ".sql"):
            continue
        rel = file.relative_to(folder).as_posix()
        for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            match = EXPECT.search(line)
            if match:
                for item in match.group(1).split(","):
                    if item.strip() == category:
                        wanted.add((rel, number, category))
    return wanted


CASE_CATEGORIES = sorted((folder, category) for folder in CASES.iterdir() if folder.is_dir()
                         for category in folder.name.split("@", 1)[0].split("+"))


@pytest.mark.parametrize(("folder", "category"), CASE_CATEGORIES,
                         ids=[f"{f.name}:{c}" if "+" in f.name else f.name for f, c in CASE_CATEGORIES])
def test_case(folder: Path, category: str) -> None:
    wanted = expectations(folder, category)
    assert wanted, f"{folder} has no `# expect: {category}` line: every rule needs a firing case"
    result = assess(folder)
    failed = [note for note in result.notes if RULE_FAILED.search(note)]
    assert not failed, f"rules failed on {folder.name}: {failed}"
    got = {(f.location.path, f.location.start_line, f.category) for f in result.findings if f.category == category}
    missing, extra = sorted(wanted - got), sorted(got - wanted)
    assert not missing and not extra, f"missing (not found): {missing}\nextra (false positives): {extra}"
