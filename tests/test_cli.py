"""The command line: output folder numbering, formats, exit codes, baselines, rule docs."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reassess.cli import main
from reassess.output import default_out_dir

SRC = """\
def handler():
    try:
        return 1
    except:
        pass
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "views.py").write_text(SRC)
    (root / "app" / "broken.py").write_text("x = 1\ndef broken(:\n    pass\n")
    return root


def test_default_out_dir_takes_the_next_number(tmp_path: Path) -> None:
    assert default_out_dir(tmp_path) == tmp_path / "docs" / "assessment 1"
    (tmp_path / "docs" / "assessment_1").mkdir(parents=True)
    (tmp_path / "docs" / "assessment_2").mkdir()
    (tmp_path / "docs" / "notes").mkdir()
    assert default_out_dir(tmp_path) == tmp_path / "docs" / "assessment 3"


def test_assess_writes_into_the_default_folder(project: Path) -> None:
    assert main(["assess", str(project), "--no-cache", "--quiet"]) == 0
    out = project / "docs" / "assessment 1"
    assert sorted(p.name for p in out.iterdir()) == [
        "01_ARCHITECTURE_ASSESSMENT.md", "03_CODE_EXPERT_REVIEW.md", "findings.json"]
    # a second run does not analyse its own reports and goes to the next folder
    assert main(["assess", str(project), "--no-cache", "--quiet"]) == 0
    assert (project / "docs" / "assessment 2" / "findings.json").is_file()


def test_json_only_and_sarif(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert main(["assess", str(project), "--out", str(out), "--format", "json,sarif", "--quiet", "--no-cache"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["findings.json", "findings.sarif"]


def test_unknown_format_is_a_usage_error(project: Path, capsys) -> None:
    assert main(["assess", str(project), "--format", "pdf"]) == 2
    assert "unknown format" in capsys.readouterr().err


def test_unknown_rule_selection_is_a_usage_error(project: Path, capsys) -> None:
    assert main(["assess", str(project), "--select", "nonsense"]) == 2
    assert "neither a rule id" in capsys.readouterr().err


def test_fail_on_and_baseline(project: Path, tmp_path: Path) -> None:
    first = tmp_path / "first"
    code = main(["assess", str(project), "--out", str(first), "--fail-on", "LOW", "--quiet", "--no-cache"])
    findings = json.loads((first / "findings.json").read_text())["findings"]
    assert findings, "the project has a syntax error at least"
    assert code == 1
    second = tmp_path / "second"
    code = main(["assess", str(project), "--out", str(second), "--fail-on", "LOW", "--quiet", "--no-cache",
                 "--baseline", str(first / "findings.json")])
    assert code == 0  # nothing new
    data = json.loads((second / "findings.json").read_text())
    assert data["metrics"]["baseline"] == {"new": 0, "persisting": len(findings), "resolved": 0}


def test_console_script_exit_codes_and_output(project: Path, tmp_path: Path) -> None:
    """The installed command ends with a hard exit: its summary must still be flushed and its
    exit code kept."""
    command = [sys.executable, "-m", "reassess", "assess", str(project), "--out", str(tmp_path / "o"),
               "--no-cache", "--fail-on", "LOW"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "reports in" in done.stdout and (tmp_path / "o" / "findings.json").is_file()
    missing = subprocess.run(command[:4] + [str(tmp_path / "missing")], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "no such folder" in missing.stderr


def test_fingerprints_survive_edits_above(project: Path, tmp_path: Path) -> None:
    main(["assess", str(project), "--out", str(tmp_path / "a"), "--quiet", "--no-cache"])
    for name in ("views.py", "broken.py"):
        path = project / "app" / name
        path.write_text("# header moved in\n\n\n" + path.read_text())  # three lines, no new finding
    main(["assess", str(project), "--out", str(tmp_path / "b"), "--quiet", "--no-cache"])
    a = json.loads((tmp_path / "a" / "findings.json").read_text())["findings"]
    b = json.loads((tmp_path / "b" / "findings.json").read_text())["findings"]
    assert {f["fingerprint"] for f in a} == {f["fingerprint"] for f in b}
    assert [f["location"]["start_line"] + 3 for f in a] == [f["location"]["start_line"] for f in b]


def test_config_from_pyproject(project: Path, tmp_path: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.reassess]\nignore = ["parse-error"]\n')
    main(["assess", str(project), "--out", str(tmp_path / "o"), "--quiet", "--no-cache"])
    data = json.loads((tmp_path / "o" / "findings.json").read_text())
    assert not [f for f in data["findings"] if f["category"] == "parse-error"]
    main(["assess", str(project), "--out", str(tmp_path / "p"), "--quiet", "--no-cache", "--ignore", "RA0"])


def test_bad_config_is_a_clear_error(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text('[tool.reassess]\nunknown_key = 1\n')
    assert main(["assess", str(project), "--quiet"]) == 2
    assert "unknown setting 'unknown_key'" in capsys.readouterr().err


def test_suppression_comment(project: Path, tmp_path: Path) -> None:
    broken = project / "app" / "broken.py"
    main(["assess", str(project), "--out", str(tmp_path / "before"), "--quiet", "--no-cache"])
    before = json.loads((tmp_path / "before" / "findings.json").read_text())
    assert [f for f in before["findings"] if f["category"] == "parse-error"]
    broken.write_text(broken.read_text().replace("(:", "(:  # reassess: ignore[parse-error]"))
    main(["assess", str(project), "--out", str(tmp_path / "o"), "--quiet", "--no-cache"])
    data = json.loads((tmp_path / "o" / "findings.json").read_text())
    assert not [f for f in data["findings"] if f["category"] == "parse-error"]


def test_cache_gives_the_same_result(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for name in ("a", "b"):
        main(["assess", str(project), "--out", str(tmp_path / name), "--quiet", "--cache-dir", str(cache)])
    assert (tmp_path / "a" / "findings.json").read_bytes() == (tmp_path / "b" / "findings.json").read_bytes()
    assert any(cache.rglob("*.pkl"))


def test_rule_docs(capsys) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "RA001" in listing
    assert main(["rule", "RA001"]) == 0
    doc = capsys.readouterr().out
    for section in ("What it finds:", "Why it matters:", "Example:", "Instead:"):
        assert section in doc
    assert main(["rule", "RA999"]) == 2


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert "reassess" in capsys.readouterr().out


def test_packages_below_a_plain_folder_are_named_as_imported(tmp_path: Path) -> None:
    """`backend/app/...` with no `backend/__init__.py` is imported as `app...`; two services
    with an `app` package each keep every file (the second falls back to root-relative names)."""
    from reassess.discovery import module_names

    files = ["backend/app/__init__.py", "backend/app/main.py", "backend/app/api/__init__.py",
             "backend/app/api/routes.py", "worker/app/__init__.py", "worker/app/main.py", "scripts/tool.py",
             "src/pkg/__init__.py", "src/pkg/core.py"]
    names = module_names(files)
    assert names["backend/app/main.py"] == ("app.main", False)
    assert names["backend/app/api/__init__.py"] == ("app.api", True)
    assert names["worker/app/main.py"] == ("worker.app.main", False)
    assert names["scripts/tool.py"] == ("scripts.tool", False)
    assert names["src/pkg/core.py"] == ("pkg.core", False)
    assert len({n for n, _ in names.values()}) == len(files)


def test_namespace_folders_inside_a_package_keep_their_place() -> None:
    from reassess.discovery import module_names

    files = ["src/dispatch/__init__.py", "src/dispatch/feedback/service/__init__.py",
             "src/dispatch/feedback/service/views.py"]
    assert module_names(files)["src/dispatch/feedback/service/views.py"] == (
        "dispatch.feedback.service.views", False)


def test_style_findings_are_not_made_on_generated_code(tmp_path: Path) -> None:
    root = tmp_path / "gen"
    (root / "svc").mkdir(parents=True)
    body = "".join(f"    x{i} = {i}\n" for i in range(120))
    (root / "svc" / "api_pb2.py").write_text(f"def build():\n{body}    return x0\n")
    (root / "svc" / "schema.py").write_text(f"# Code generated by a tool. DO NOT EDIT.\ndef build():\n{body}    return x0\n")
    (root / "svc" / "handwritten.py").write_text(f"def build():\n{body}    return x0\n")
    main(["assess", str(root), "--out", str(tmp_path / "o"), "--quiet", "--no-cache"])
    data = json.loads((tmp_path / "o" / "findings.json").read_text())
    assert {f["location"]["path"] for f in data["findings"] if f["category"] == "long-function"} == {
        "svc/handwritten.py"}
