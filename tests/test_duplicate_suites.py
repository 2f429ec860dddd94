"""Repeated blocks in a test suite: one finding per suite beyond five, each kept below."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

from reassess.metrics.clones import Clone, CloneGroup, Span


def _block(n: int, name: str) -> str:
    """An arrange step whose shape differs per n (every call takes n extra arguments)."""
    more = ", ".join(f"k{i}" for i in range(n))
    return (f"def {name}():\n"
            f"    customer = make_customer('a', {more})\n"
            f"    order = make_order(customer, {more})\n"
            f"    order.lines.append(make_line('x', {more}))\n"
            f"    order.lines.append(make_line('y', {more}))\n"
            f"    order.tags.append(make_tag('t', {more}))\n"
            f"    result = checkout(order, customer, {more})\n"
            f"    assert result.total == 100 and result.currency == 'EUR'\n\n\n")


def _suite(root: Path, blocks: int) -> None:
    tests = root / "tests"
    tests.mkdir(parents=True)
    for copy in range(2):
        body = "".join(_block(n, f"test_case_{n}_{copy}") for n in range(1, blocks + 1))
        (tests / f"test_orders_{copy}.py").write_text("from shop import checkout, make_customer, make_line, "
                                                       "make_order, make_tag\n\n\n" + body)


def test_many_repeated_blocks_in_one_suite_make_one_finding(tmp_path: Path) -> None:
    _suite(tmp_path, 7)
    found = [f for f in assess(tmp_path).findings if f.category == "duplicate-code"]
    assert len(found) == 1, [f.title for f in found]
    assert found[0].title.startswith("7 blocks repeated across the tests under `tests/`")
    assert found[0].severity == "LOW" and len(found[0].related_locations) == 6
    assert "def orders_setup(" in found[0].recommendation or "@pytest.fixture" in found[0].recommendation


def test_a_few_repeated_blocks_stay_separate_findings(tmp_path: Path) -> None:
    _suite(tmp_path, 3)
    found = [f for f in assess(tmp_path).findings if f.category == "duplicate-code"]
    assert len(found) == 3 and all("duplicated lines in 2 places" in f.title for f in found)


def test_copies_chained_through_overlaps_are_not_called_the_same_block() -> None:
    a, b = Span("a.py", 1, 12, 0, 11), Span("b.py", 1, 12, 0, 11)
    c, d = Span("b.py", 5, 30, 4, 29), Span("c.py", 1, 26, 0, 25)
    same = CloneGroup([a, b], 12, 90, [Clone(a, b, 12, 90, 0)])
    chained = CloneGroup([a, Span("b.py", 1, 30, 0, 29), d], 26, 200,
                         [Clone(a, b, 12, 90, 0), Clone(c, d, 26, 200, 0)])
    assert same.same_block and not chained.same_block
