"""Reading process counts from deployment files (the pool-size-mismatch rule's evidence)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.discovery import discover, module_names
from reassess.model.project import ProjectModel
from reassess.rules.scalability._commands import parse, tokens_of
from reassess.rules.scalability._compose import services
from reassess.rules.scalability._deployment import deployment, logical_lines
from reassess.worker import FileTask, analyse


@pytest.mark.parametrize("text, env, server, count, dev, module", [
    ("gunicorn -w 8 -k uvicorn.workers.UvicornWorker orders.main:app", {}, "gunicorn", 8, False, "orders.main"),
    ('["fastapi", "run", "--workers", "4"]', {}, "fastapi run", 4, False, ""),
    ("uvicorn app.main:app --host 0.0.0.0 --reload", {}, "uvicorn", 1, True, "app.main"),
    ("cd /srv && gunicorn --workers=4 svc.main:app && echo started", {}, "gunicorn", 4, False, "svc.main"),
    ("gunicorn -w${WEB_CONCURRENCY:-3} app:app", {}, "gunicorn", 3, False, "app"),
    ("uvicorn main:app --workers $WORKERS", {"WORKERS": "6"}, "uvicorn", 6, False, "main"),
    ("gunicorn -w $WEB_CONCURRENCY app:app", {}, "gunicorn", None, False, "app"),
    ("gunicorn app:app", {"WEB_CONCURRENCY": "5"}, "gunicorn", 5, False, "app"),
    ("celery -A proj.worker worker -l info", {}, "celery", None, False, "proj.worker"),
    ("celery -A proj.worker worker --concurrency=4", {}, "celery", 4, False, "proj.worker"),
    ("celery -A proj worker -P solo -c 8", {}, "celery", 1, False, "proj"),
    ("arq proj.jobs.WorkerSettings", {}, "arq", 1, False, "proj.jobs"),
    ('["sh", "-c", "alembic upgrade head && uvicorn app.main:app --workers 4"]', {}, "uvicorn", 4, False, "app.main"),
])
def test_commands(text: str, env: dict, server: str, count: int | None, dev: bool, module: str) -> None:
    found = parse(tokens_of(text), env)
    assert found is not None
    assert (found.server, found.count, found.dev, found.app_module) == (server, count, dev, module)


@pytest.mark.parametrize("text", ["pip install uvicorn gunicorn", "celery -A proj beat", "echo 'run uvicorn'",
                                  "python manage.py migrate"])
def test_not_a_serving_command(text: str) -> None:
    assert parse(tokens_of(text), {}) is None


def test_procfile_count_comes_from_the_platform() -> None:
    found = parse(tokens_of("gunicorn app.main:app -k uvicorn.workers.UvicornWorker"), {},
                  platform_sets_concurrency=True)
    assert found is not None and found.count is None and "WEB_CONCURRENCY" in found.basis


def test_continued_lines_are_joined() -> None:
    lines = ["FROM python:3.12", "# comment", 'CMD ["gunicorn", "app:app", \\', '     "-w", "4"]', ""]
    assert logical_lines(lines) == [(1, 1, "FROM python:3.12"), (3, 4, 'CMD ["gunicorn", "app:app", "-w", "4"]')]


def test_compose_services() -> None:
    text = """\
version: "3.9"
services:
  db:
    image: postgres:16
    command: ["postgres", "-c", "max_connections=300"]
  api:
    build:
      context: ./api
      dockerfile: docker/Dockerfile
    command:
      - gunicorn
      - api.main:app
      - --workers
      - "3"
    environment:
      - WEB_CONCURRENCY=3
      - LOG_LEVEL=info
    deploy:
      replicas: 2
volumes:
  data: {}
"""
    db, api = services(text.splitlines())
    assert (db.name, db.text("image"), db.command()) == ("db", "postgres:16",
                                                         (["postgres", "-c", "max_connections=300"], 5, 5))
    assert api.command() == (["gunicorn", "api.main:app", "--workers", "3"], 10, 14)
    assert (api.build_context(), api.dockerfile(), api.replicas()) == ("./api", "docker/Dockerfile", (2, 19))
    assert api.environment() == {"WEB_CONCURRENCY": "3", "LOG_LEVEL": "info"}


def _model(root: Path, files: dict[str, str]) -> tuple[ProjectModel, list[str]]:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    found = discover(load_config(root, {}))
    sources = {rel: (root / rel).read_bytes() for rel in found.files}
    names = module_names(list(sources))
    results = [analyse(FileTask(rel, *names[rel], data)) for rel, data in sources.items()]
    return ProjectModel([r.facts for r in results if r.facts], sources, root), found.other_files


def test_processes_from_python_and_compose(tmp_path: Path) -> None:
    model, other = _model(tmp_path, {
        "api/__init__.py": "",
        "api/main.py": "import uvicorn\napp = object()\nif __name__ == '__main__':\n"
                       "    uvicorn.run('api.main:app', workers=WORKERS)\nWORKERS = 3\n",
        "api/gunicorn_conf.py": "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n",
        "jobs/__init__.py": "",
        "jobs/tasks.py": "x = 1\n",
        "api/Dockerfile": "FROM python:3.12\nCMD gunicorn -c api/gunicorn_conf.py api.main:app\n",
        "docker-compose.yml": "services:\n  pgbouncer:\n    image: bitnami/pgbouncer\n  worker:\n    build: .\n"
                              "    command: celery -A jobs.tasks worker -c 4\n    deploy:\n      replicas: 2\n",
        "docs/DEPLOYMENT.md": "Production runs on RDS; the PostgreSQL max_connections is 400.\n",
    })
    found = deployment(model, other)
    shown = sorted((p.server, p.count, p.total, p.path, p.scope) for p in found.processes)
    assert shown == [("celery", 4, 8, "docker-compose.yml", "jobs"),
                     ("gunicorn", None, None, "api/gunicorn_conf.py", "api"),
                     ("uvicorn", 3, 3, "api/main.py", "")]
    assert [(m.what, m.scope) for m in found.poolers] == [("pgbouncer", "")]
    assert [(limit.store, limit.value, limit.path) for limit in found.limits] == [
        ("PostgreSQL", 400, "docs/DEPLOYMENT.md")]
