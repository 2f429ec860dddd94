"""How the repository deploys its code: the server and worker processes its Dockerfiles,
Procfile, Makefile, shell scripts, compose files and Python (gunicorn config modules,
`uvicorn.run(workers=...)`) start, the connection limit its database is given, and the
connection poolers (PgBouncer and the like) in front of it.

Built once per run from the files discovery offers, read through `model.lines`. Each
process covers the code under a folder: its Dockerfile's or build context's folder,
narrowed to the package of the application module its command names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...model.app import is_offline_scope, is_test_path
from ...model.constants import Constants, Traced
from ...model.origins import Origins
from . import _commands as cmd
from ._compose import COMPOSE_FILE, Service, services

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_POOLERS = ("pgbouncer", "pgcat", "odyssey", "supavisor", "pgpool")
_GUNICORN_CONFIGS = ("gunicorn.conf.py", "gunicorn_conf.py", "gunicorn_config.py")
# `postgres -c max_connections=200`, `mysqld --max-connections=500`, `ALTER SYSTEM SET max_connections = 200`
_LIMIT = re.compile(r"(?:-c\s*|--|\bSET\s+)max[_-]connections\s*(?:=|\bTO\b|\s)\s*'?(\d+)", re.I)
_SERVER_WORDS = re.compile(r"postgres|mysql|mariadb|ALTER\s+SYSTEM", re.I)
_LIMIT_ENV = re.compile(r"^(?:POSTGRES|POSTGRESQL|MYSQL)_MAX_CONNECTIONS$")
_DOC_LIMIT = re.compile(r"max_connections\W{0,6}(?:is|of|=|:|to)?\W{0,3}(\d{2,})", re.I)
_DOC_NAME = re.compile(r"deploy|database|postgres|\bdb\b|infra|production|scal|operat|readme", re.I)
_DOC_STORE = re.compile(r"postgres|mysql|rds|aurora|cloud sql|database", re.I)


@dataclass(frozen=True)
class Process:
    """Processes one command starts: `count` per instance (None: scales with the machine)."""

    role: str  # "web" or "worker"
    server: str
    count: int | None
    basis: str
    path: str
    line: int
    scope: str  # the folder whose code it runs, "" for the whole tree
    replicas: int = 1
    replicas_line: int = 0
    dev: bool = False
    replicas_path: str = ""  # where the replicas are written, when not in `path`
    end_line: int = 0  # last line of the command (continuations), 0 when it is `line`

    def covers(self, path: str) -> bool:
        return covers(self.scope, path)

    @property
    def total(self) -> int | None:
        return None if self.count is None else self.count * self.replicas

    def describe(self) -> str:
        unit = "process" if self.count == 1 else "processes"
        number = f"{self.count} {self.server} {unit}" if self.count is not None else f"{self.server} processes"
        scaled = f" × {self.replicas} replicas" if self.replicas > 1 else ""
        return f"{number}{scaled} ({self.basis}, {self.path}:{self.line})"


@dataclass(frozen=True)
class Limit:
    """A database connection limit the repository writes down."""

    store: str  # "PostgreSQL" or "MySQL"
    value: int
    path: str
    line: int
    scope: str


@dataclass(frozen=True)
class Marker:
    """A pooler or a database server the deployment runs (`what`), with where it is written."""

    what: str
    path: str
    line: int
    scope: str


@dataclass
class Deployment:
    processes: list[Process] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    poolers: list[Marker] = field(default_factory=list)
    databases: list[Marker] = field(default_factory=list)

    def web_for(self, path: str) -> Process | None:
        """The production web command covering a file: the largest known count wins."""
        found = [p for p in self.processes if p.role == "web" and not p.dev and p.covers(path)]
        known = [p for p in found if p.total is not None]
        if known:
            return max(known, key=lambda p: (p.total, -len(p.path), p.path, -p.line))
        return min(found, key=lambda p: (p.path, p.line)) if found else None

    def workers_for(self, path: str) -> list[Process]:
        return [p for p in self.processes if p.role == "worker" and p.covers(path)]

    def limit_for(self, path: str, store: str) -> Limit | None:
        """The nearest written limit for this kind of database (deepest folder first)."""
        found = [limit for limit in self.limits if limit.store == store and covers(limit.scope, path)]
        return max(found, key=lambda limit: (len(limit.scope), limit.path, limit.line)) if found else None

    def pooler_for(self, path: str) -> Marker | None:
        return next((m for m in self.poolers if covers(m.scope, path)), None)

    def database_kinds(self, path: str) -> set[str]:
        return {m.what for m in self.databases if covers(m.scope, path)}


def covers(scope: str, path: str) -> bool:
    return not scope or path.startswith(scope + "/")


def deployment(model: "ProjectModel", other_files: list[str]) -> Deployment:
    """The deployment of this tree, built on first use."""
    return model.memo("pool_size_mismatch.deployment", lambda: _Reader(model).read(other_files))


def constants(model: "ProjectModel") -> Constants:
    """A value tracer for settings and literals (no creations of its own)."""
    return model.memo("pool_size_mismatch.constants", lambda: Constants(model, Origins(model, lambda edge: False)))


class _Reader:
    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.found = Deployment()
        self.replicas: dict[str, tuple[int, str, int]] = {}  # Dockerfile -> (replicas, compose file, line)
        self.python_dirs = {"/".join(path.split("/")[:depth]) for path in model.by_path
                            for depth in range(path.count("/") + 1)}

    def read(self, other_files: list[str]) -> Deployment:
        for path in other_files:
            if is_test_path(path) or path.startswith(".github/"):
                continue
            name = path.rsplit("/", 1)[-1]
            if COMPOSE_FILE.match(name):
                self._compose(path)
            elif name == "Dockerfile" or name.startswith("Dockerfile.") or name.lower().endswith(".dockerfile"):
                self._dockerfile(path)
            elif name == "Procfile":
                self._lines(path, procfile=True)
            elif name == "Makefile" or name.endswith(".sh"):
                self._lines(path)
            elif name.endswith(".sql"):
                self._limits(path)
            elif name.endswith(".md") and _DOC_NAME.search(name):
                self._documented_limit(path)
        self._python()
        self._apply_replicas()
        return self.found

    def _apply_replicas(self) -> None:
        """A compose service built from a Dockerfile runs its command once per replica."""
        for index, process in enumerate(self.found.processes):
            scaled = self.replicas.get(process.path)
            if scaled is not None and process.replicas == 1:
                self.found.processes[index] = replace(process, replicas=scaled[0], replicas_line=scaled[2],
                                                      replicas_path=scaled[1])

    # ----- files ------------------------------------------------------------------------------
    def _dockerfile(self, path: str) -> None:
        env: dict[str, str] = {}
        parts: dict[str, tuple[list[str], int, int]] = {}
        for line, end, text in logical_lines(self.model.lines(path)):
            word, _, rest = text.partition(" ")
            word = word.upper()
            if word == "FROM":
                parts = {}
                if any(p in rest.lower() for p in _POOLERS):
                    self.found.poolers.append(Marker(rest.split()[0], path, line, self._scope(path)))
            elif word == "ENV":
                env.update(_env_assignments(rest))
            elif word in ("CMD", "ENTRYPOINT"):
                parts[word] = (cmd.tokens_of(rest), line, end)
            self._limit_in(path, line, text)
        entry, command = parts.get("ENTRYPOINT", ([], 0, 0)), parts.get("CMD", ([], 0, 0))
        last = command if command[1] else entry
        if entry[0] + command[0]:
            self._command(entry[0] + command[0], env, path, (last[1], last[2]), self._scope(path))

    def _lines(self, path: str, procfile: bool = False) -> None:
        scope = self._scope(path)
        for line, end, text in logical_lines(self.model.lines(path)):
            if procfile:
                text = text.partition(":")[2]
            elif path.endswith("Makefile"):
                text = text.lstrip("@-")
            self._limit_in(path, line, text)
            if any(p in text for p in _POOLERS) and text.split() and text.split()[0].rsplit("/", 1)[-1] in _POOLERS:
                self.found.poolers.append(Marker(text.split()[0], path, line, scope))
            self._command(cmd.tokens_of(text), {}, path, (line, end), scope, procfile=procfile)

    def _compose(self, path: str) -> None:
        base, scope = path.rpartition("/")[0], self._scope(path)
        for service in services(self.model.lines(path)):
            image = service.text("image").lower()
            if any(p in image or p in service.name.lower() for p in _POOLERS):
                self.found.poolers.append(Marker(service.name, path, service.line, scope))
                continue
            self._compose_database(path, service, image, scope)
            context = service.build_context()
            where = _join(base, context) if context is not None else base
            replicas, replicas_line = service.replicas()
            words, line, end = service.command()
            if words:
                self._command(words, service.environment(), path, (line, end), self._climb(where),
                              replicas=replicas, replicas_line=replicas_line)
            elif context is not None and replicas > 1:
                dockerfile = _join(where, service.dockerfile())
                self.replicas[dockerfile] = (replicas, path, replicas_line)

    def _compose_database(self, path: str, service: Service, image: str, scope: str) -> None:
        kind = "PostgreSQL" if "postgres" in image and "exporter" not in image else \
            "MySQL" if "mysql" in image or "mariadb" in image else ""
        if not kind:
            return
        self.found.databases.append(Marker(kind, path, service.line, scope))
        words, line, _end = service.command()
        match = _LIMIT.search(" ".join(words))
        if match:
            entry = service.keys.get("command") or service.keys["entrypoint"]
            line = next((n for n, text in entry.children if "max" in text and "connections" in text), line)
            self.found.limits.append(Limit(kind, int(match.group(1)), path, line, scope))
        for key, value in service.environment().items():
            if _LIMIT_ENV.match(key) and value.isdigit():
                entry = service.keys["environment"]
                line = next((n for n, text in entry.children if key in text), entry.line)
                self.found.limits.append(Limit(kind, int(value), path, line, scope))

    def _limits(self, path: str) -> None:
        for line, _end, text in logical_lines(self.model.lines(path)):
            self._limit_in(path, line, text)

    def _limit_in(self, path: str, line: int, text: str) -> None:
        match = _LIMIT.search(text)
        if match and _SERVER_WORDS.search(text) and not any(p in text.lower() for p in _POOLERS):
            store = "MySQL" if re.search(r"mysql|mariadb", text, re.I) else "PostgreSQL"
            self.found.limits.append(Limit(store, int(match.group(1)), path, line, self._scope(path)))

    def _documented_limit(self, path: str) -> None:
        for number, text in enumerate(self.model.lines(path), 1):
            match = _DOC_LIMIT.search(text) if "max_connections" in text else None
            if match and _DOC_STORE.search(text):
                store = "MySQL" if re.search(r"mysql|mariadb", text, re.I) else "PostgreSQL"
                self.found.limits.append(Limit(store, int(match.group(1)), path, number, self._scope(path)))

    # ----- commands ---------------------------------------------------------------------------
    def _command(self, words: list[str], env: dict[str, str], path: str, lines: tuple[int, int], scope: str,
                 procfile: bool = False, replicas: int = 1, replicas_line: int = 0) -> None:
        found = cmd.parse(words, env, platform_sets_concurrency=procfile)
        if found is None:
            return
        if found.server == "gunicorn" and "-w" not in " ".join(words) and "--workers" not in " ".join(words) \
                and self._gunicorn_config(found.config):
            return  # the count lives in the config module (read from Python)
        self.found.processes.append(Process(
            found.role, found.server, found.count, found.basis, path, lines[0], self._narrow(scope, found.app_module),
            replicas, replicas_line, found.dev, end_line=lines[1]))

    def _gunicorn_config(self, named: str) -> bool:
        names = (named.rsplit("/", 1)[-1],) if named.endswith(".py") else _GUNICORN_CONFIGS
        return any(path.rsplit("/", 1)[-1] in names for path in self.model.by_path)

    def _python(self) -> None:
        values = constants(self.model)
        for path, facts in sorted(self.model.by_path.items()):
            assign = facts.assigns.get("workers") if path.rsplit("/", 1)[-1] in _GUNICORN_CONFIGS else None
            if assign is not None:
                count, basis = _traced_count(values.of_value(facts.module, assign.value), self.model, path, assign.line)
                self.found.processes.append(Process("web", "gunicorn", count, basis, path, assign.line,
                                                    self._scope(path)))
        for edge in _uvicorn_runs(self.model):
            scope, site = edge.caller, edge.site
            if is_offline_scope(self.model, scope):
                continue
            if "workers" not in site.kwargs:
                continue  # a runner script: not evidence of how the service is deployed
            facts = self.model.functions[scope][0] if scope in self.model.functions else self.model.modules[scope]
            count, basis = _traced_count(values.of_value(scope, site.kwargs["workers"]), self.model, facts.path,
                                         site.line)
            dev = site.kwargs.get("reload") is True
            self.found.processes.append(Process("web", "uvicorn", count, basis, facts.path, site.line,
                                                _import_root(facts.path, facts.module), dev=dev))

    # ----- scopes -----------------------------------------------------------------------------
    def _scope(self, path: str) -> str:
        """The file's folder, or the nearest folder above it that holds Python code."""
        return self._climb(path.rpartition("/")[0])

    def _climb(self, folder: str) -> str:
        while folder and folder not in self.python_dirs:
            folder = folder.rpartition("/")[0]
        return folder

    def _narrow(self, scope: str, module: str) -> str:
        """The folder of the top package of the command's application module, when exactly one
        file under the scope is that module (`orders.main` -> `orders`)."""
        if not module:
            return scope
        tail = module.replace(".", "/")
        found = [path for path in self.model.by_path if covers(scope, path) and
                 any(path == name or path.endswith("/" + name) for name in (f"{tail}.py", f"{tail}/__init__.py"))]
        if len(found) != 1:
            return scope
        return package_root(found[0], module)


def logical_lines(lines: list[str]) -> list[tuple[int, int, str]]:
    """Lines with backslash continuations joined, comments and blanks left out:
    (first line, last line, text)."""
    out: list[tuple[int, int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not pending and (not text or text.startswith("#")):
            continue
        if not pending:
            start = number
        if text.endswith("\\"):
            pending.append(text[:-1].strip())
            continue
        pending.append(text)
        out.append((start, number, " ".join(part for part in pending if part and not part.startswith("#"))))
        pending = []
    if pending:
        out.append((start, len(lines), " ".join(pending)))
    return out


def _env_assignments(rest: str) -> dict[str, str]:
    """`ENV A=1 B=2` or `ENV A 1`."""
    words = cmd.tokens_of(rest)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    return dict(word.split("=", 1) for word in words if "=" in word)


def _join(base: str, relative: str) -> str:
    parts = [p for p in base.split("/") if p]
    for part in relative.split("/"):
        if part == "..":
            parts = parts[:-1]
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _package_depth(path: str, module: str) -> int:
    """How many folders of the path are the module's packages (`app/main.py` as `app.main`: 1)."""
    return module.count(".") + (1 if path.endswith("/__init__.py") or path == "__init__.py" else 0)


def package_root(path: str, module: str) -> str:
    """The folder of the module's top package (`backend/app/main.py` as `app.main` -> `backend/app`)."""
    folders = path.split("/")[:-1]
    depth = _package_depth(path, module)
    return "/".join(folders[: len(folders) - depth + 1]) if depth else "/".join(folders)


def _import_root(path: str, module: str) -> str:
    """The folder a module is imported from (`backend/app/main.py` as `app.main` -> `backend`)."""
    folders = path.split("/")[:-1]
    return "/".join(folders[: max(0, len(folders) - _package_depth(path, module))])


def _traced_count(traced: Traced, model: "ProjectModel", path: str, line: int) -> tuple[int | None, str]:
    """A `workers` value: the number it is, or why it is not one."""
    written = traced.describe()
    if traced.known and isinstance(traced.value, int) and not isinstance(traced.value, bool):
        env = f", {traced.value} unless {traced.env} is set" if traced.env else ""
        return traced.value, f"`workers = {traced.text}`{env}"
    text = model.line_text(path, line)
    if "cpu_count" in text or "WEB_CONCURRENCY" in text or traced.env:
        return None, f"`{text}`: scales with the machine's cores"
    return None, f"`workers = {written}`, not a number the repository fixes"


def _uvicorn_runs(model: "ProjectModel") -> list["Edge"]:
    """`uvicorn.run(...)` calls, in functions and at module level (`if __name__ == "__main__":`)."""
    found = list(model.calls_to("uvicorn.run"))
    for module in sorted(model.module_edges):
        found += [edge for edge in model.module_edges[module] if edge.target.name == "uvicorn.run"]
    return found
