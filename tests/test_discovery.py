"""Discovery: which files a run reads, besides the Python ones."""
from __future__ import annotations

from pathlib import Path

from reassess.config import load_config
from reassess.discovery import discover


def _tree(root: Path, files: list[str]) -> None:
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" if rel.endswith(".py") else "CMD uvicorn app.main:app --workers 2\n")


def test_deployment_files_are_offered_to_rules(tmp_path: Path) -> None:
    deployment = ["Dockerfile", "Procfile", "Makefile", "docker/Dockerfile.prod", "deploy/api.dockerfile",
                  "deploy/web.Dockerfile", "scripts/start.sh", "docker-compose.yml"]
    _tree(tmp_path, ["app/__init__.py", "app/main.py", "LICENSE", "notes.txt", *deployment])
    found = discover(load_config(tmp_path, {}))
    assert found.files == ["app/__init__.py", "app/main.py"]
    assert found.other_files == sorted(deployment)


def test_deployment_files_outside_focus_are_still_offered(tmp_path: Path) -> None:
    _tree(tmp_path, ["svc/app.py", "other/tool.py", "Dockerfile", "other/run.sh"])
    found = discover(load_config(tmp_path, {"focus": ["svc"]}))
    assert found.files == ["svc/app.py"]
    assert found.other_files == ["Dockerfile", "other/run.sh"]
