"""The whole pipeline on hostile input: never a traceback, bad files become parse-error findings."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import assess
from reassess.cli import main


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "ok.py").write_text("import os\n\n\ndef f(x):\n    return os.path.join(x, 'a')\n")
    (root / "pkg" / "syntax.py").write_text("def broken(:\n    pass\n")
    (root / "pkg" / "nul.py").write_bytes(b"x = 1\ny = '\x00'\n")
    (root / "pkg" / "latin.py").write_bytes("name = 'caf\xe9'\n".encode("latin-1"))
    (root / "pkg" / "latin_declared.py").write_bytes("# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1"))
    (root / "pkg" / "bom.py").write_bytes(b"\xef\xbb\xbfx = 1\n")
    (root / "pkg" / "empty.py").write_text("")
    (root / "pkg" / "crlf.py").write_bytes(b"def g():\r\n    try:\r\n        pass\r\n    except:\r\n        pass\r\n")
    big_line = "VALUE_%d = %d  # padding padding padding padding padding padding padding padding\n"
    (root / "pkg" / "huge.py").write_text("".join(big_line % (i, i) for i in range(60_000)))  # ~5 MB
    (root / "pkg" / "deep.py").write_text("x = " + "(" * 2000 + "1" + ")" * 2000 + "\n")
    (root / "pkg" / "deep_ops.py").write_text("x = " + " + ".join(["1"] * 2000) + "\n")
    (root / "pkg" / "deep_lists.py").write_text("x = " + "[" * 150 + "]" * 150 + "\n")
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "up")  # a link loop
    os.symlink("missing.py", root / "pkg" / "dangling.py")  # a broken link
    (root / "notes.txt").write_text("not python")
    return root


def test_hostile_tree_is_assessed_without_traceback(hostile: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "report"
    code = main(["assess", str(hostile), "--out", str(out), "--no-cache", "--format", "md,json,sarif"])
    captured = capsys.readouterr()
    assert code == 0
    assert "Traceback" not in captured.out + captured.err
    import json

    data = json.loads((out / "findings.json").read_text())
    parse_errors = {f["location"]["path"] for f in data["findings"] if f["category"] == "parse-error"}
    assert {"pkg/syntax.py", "pkg/nul.py", "pkg/latin.py", "pkg/huge.py", "pkg/deep.py"} <= parse_errors
    for fine in ("pkg/ok.py", "pkg/latin_declared.py", "pkg/bom.py", "pkg/empty.py", "pkg/crlf.py"):
        assert fine not in parse_errors
    assert any("symbolic link" in note for note in data["notes"])
    assert (out / "01_ARCHITECTURE_ASSESSMENT.md").is_file()
    assert (out / "03_CODE_EXPERT_REVIEW.md").is_file()


def test_parse_error_cites_the_bad_line(hostile: Path, tmp_path: Path) -> None:
    import json

    out = tmp_path / "r"
    main(["assess", str(hostile), "--out", str(out), "--no-cache", "--quiet"])
    data = json.loads((out / "findings.json").read_text())
    syntax = next(f for f in data["findings"] if f["location"]["path"] == "pkg/syntax.py")
    assert syntax["location"]["start_line"] == 1
    assert syntax["evidence"] == "def broken(:"
    nul = next(f for f in data["findings"] if f["location"]["path"] == "pkg/nul.py")
    assert nul["location"]["start_line"] == 2


def test_empty_tree(tmp_path: Path, capsys) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    assert main(["assess", str(root), "--out", str(tmp_path / "o"), "--no-cache"]) == 0
    assert "0 files" in capsys.readouterr().out


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["assess", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_nothing_is_written_outside_the_report_folder(hostile: Path, tmp_path: Path) -> None:
    before = sorted(str(p) for p in hostile.rglob("*") if not p.is_symlink())
    main(["assess", str(hostile), "--out", str(tmp_path / "elsewhere"), "--quiet", "--cache-dir", str(tmp_path / "c")])
    after = sorted(str(p) for p in hostile.rglob("*") if not p.is_symlink())
    assert before == after


@pytest.mark.parametrize("source, note", [
    ("from app.{{ name }}.client import Client\n", "skipped (a template, not Python source"),
    ('label = f"-{\n    total\n}"\n', "line 1 uses Python 3.12 syntax: an f-string whose replacement field spans lines"),
    ('reply = {"message": "it\'s"}\nlabel = f"code - {reply["it\'s"]}"\n',
     "line 2 uses Python 3.12 syntax: an f-string that reuses its quote inside a replacement field"),
    ("text = f'{x # a comment\n}'\n", "line 1 uses Python 3.12 syntax: an f-string whose replacement field spans"),
])
def test_code_this_python_cannot_parse_is_a_note_not_a_finding(tmp_path: Path, source: str, note: str) -> None:
    if sys.version_info >= (3, 12) and "3.12" in note:
        pytest.skip("this Python parses 3.12 syntax")
    (tmp_path / "mod.py").write_text(source)
    (tmp_path / "broken.py").write_text("def broken(:\n    pass\n")
    result = assess(tmp_path)
    assert [f.location.path for f in result.findings if f.category == "parse-error"] == ["broken.py"]
    assert any(n.startswith("mod.py: ") and note in n for n in result.notes), result.notes


NEWER = """\
from typing import Any

type JSON = dict[str, Any] | list[Any]


def first[T: (int, str), *Ts](items: list[T]) -> T:
    try:
        return items[0]
    except IndexError, KeyError:
        return missing_default
    except:
        return None


class Box[T]:
    def get(self, value: T) -> T:
        return value


class Repository[
    Model: Box,  # the stored type
](Box):
    def one(self) -> Model:
        return undefined_here
"""


def test_newer_syntax_is_analysed_as_its_older_equivalent(tmp_path: Path) -> None:
    """`type` aliases, type parameters and `except A, B:` are read, line numbers kept: the
    file's findings are made, type parameters are not undefined names, and a note says so."""
    (tmp_path / "mod.py").write_text(NEWER)
    result = assess(tmp_path)
    cited = sorted((f.category, f.location.start_line) for f in result.findings
                   if f.category in ("undefined-name", "bare-except", "parse-error"))
    assert cited == [("bare-except", 11), ("undefined-name", 10), ("undefined-name", 24)]
    if sys.version_info < (3, 12):
        assert any(n.startswith("1 file uses syntax newer") and n.endswith(": mod.py (3, 6, 9, 15, 20 ...)")
                   for n in result.notes), result.notes


def test_files_read_as_older_syntax_share_one_note_and_a_later_blocker_is_named(tmp_path: Path) -> None:
    """Many files with `type` aliases make one note listing them, not one note each; a file
    whose alias is rewritten but which still fails on a PEP 701 f-string further down is
    told as not analysed at that f-string's line, not at the alias."""
    if sys.version_info >= (3, 12):
        pytest.skip("this Python parses 3.12 syntax")
    (tmp_path / "a.py").write_text("type Id = int\n")
    (tmp_path / "b.py").write_text("x = 1\ntype Name = str\n")
    (tmp_path / "c.py").write_text("type Row = dict\n\n\ndef show(rows):\n    return (\n"
                                   "        f\"{\n            rows}\"\n        \"end\"\n    )\n")
    notes = assess(tmp_path).notes
    newer = [n for n in notes if "syntax newer" in n]
    assert len(newer) == 1 and newer[0].startswith("2 files use") and newer[0].endswith(": a.py (1); b.py (2)"), notes
    assert any(n.startswith("c.py: not analysed, line 6 uses Python 3.12 syntax: an f-string whose") for n in notes), notes


PEP701 = """\
reply = {"message": "ok"}
label = f"code - {reply["message"]} {missing_name}"
rows = ["a", "b"]
text = f'rows:\\n{"\\n".join(rows)} {'\\t'.join(other_missing)}'
"""


def test_pep701_fstrings_are_analysed_respelled(tmp_path: Path) -> None:
    """A quote reused inside a replacement field, or a backslash there, no longer keeps the
    file out of the model: it is read with the nested quotes swapped and the escapes blanked,
    columns kept, so the names used inside the fields are checked like any other."""
    if sys.version_info >= (3, 12):
        pytest.skip("this Python parses 3.12 syntax")
    (tmp_path / "mod.py").write_text(PEP701)
    result = assess(tmp_path)
    undefined = sorted((f.location.start_line, f.evidence) for f in result.findings if f.category == "undefined-name")
    assert [line for line, _ in undefined] == [2, 4] and undefined[0][1] == PEP701.splitlines()[1], undefined
    assert not [f for f in result.findings if f.category == "parse-error"]
    assert any(n.startswith("1 file uses syntax newer") and n.endswith(": mod.py (2, 4)") for n in result.notes), \
        result.notes


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "app.py").write_text("x = 1\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("reassess.pipeline.run", broken)
    assert main(["assess", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "internal error (RecursionError" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_shared_analysis_that_fails_costs_its_rules_not_the_report(tmp_path: Path, monkeypatch) -> None:
    """Built once before the pool forks, the data model failing must not stop the run: the
    rules that read it fail on their own and the notes name them; every other rule still reports."""
    (tmp_path / "app.py").write_text("def f():\n    try:\n        return 1\n    except:\n        return 2\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise IndexError("tuple index out of range")

    monkeypatch.setattr("reassess.model.data.data_model", broken)
    monkeypatch.setattr("reassess.pipeline._POOL_MIN_BYTES", 0)  # fork the rule phase even for one file
    result = assess(tmp_path, jobs=2)
    assert any(n.startswith("rule RA201 failed (IndexError") for n in result.notes), result.notes
    assert [f.location.start_line for f in result.findings if f.category == "bare-except"] == [4]
