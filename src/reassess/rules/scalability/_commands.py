"""Server and worker command lines as deployment files write them: which server starts, how
many processes it forks, and which application module it runs.

`gunicorn -w 8 -k uvicorn.workers.UvicornWorker orders.main:app` -> 8 web processes of
`orders.main`; `uvicorn app.main:app` -> uvicorn's default of one; `celery -A app.worker
worker` -> one process per CPU core (a count that scales with the machine, so unknown).
Only what the text says counts: an environment variable is resolved from the same file's
ENV/environment or its `${VAR:-N}` default, else the count stays unknown.
"""
from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass

WEB_SERVERS = ("uvicorn", "gunicorn", "hypercorn", "granian")
JOB_SERVERS = ("celery", "arq", "rq", "dramatiq")
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})
_INSTALLERS = frozenset({"install", "add", "uninstall", "remove", "--version", "which"})
# (long options, short options) that set the process count, per server.
_COUNT_OPTIONS = {
    "uvicorn": (("--workers",), ()), "gunicorn": (("--workers",), ("-w",)), "hypercorn": (("--workers",), ("-w",)),
    "granian": (("--workers",), ()), "fastapi run": (("--workers",), ()),
    "celery": (("--concurrency",), ("-c",)), "dramatiq": (("--processes",), ("-p",)),
}
# Servers whose default process count is the number of CPU cores.
_PER_CORE = ("celery", "dramatiq")
# Servers that read WEB_CONCURRENCY when no count is given.
_READS_WEB_CONCURRENCY = ("uvicorn", "gunicorn")
_ENV_REF = re.compile(r"^\$\{?(\w+)(?:(:?-)([^}]*))?\}?$")
_APP = re.compile(r"^([A-Za-z_][\w.]*):[A-Za-z_]\w*(\(\))?$")
_SINGLE_PROCESS_POOLS = ("solo", "threads", "gevent", "eventlet")


@dataclass(frozen=True)
class Command:
    """One server or worker command: `count` processes (None when the text does not fix it)."""

    server: str  # "gunicorn", "uvicorn", "fastapi run", "celery", ...
    role: str  # "web" or "worker"
    count: int | None
    basis: str  # how the count was read, for the finding's text
    dev: bool = False  # auto-reload / `fastapi dev`: a developer's single process
    app_module: str = ""  # "orders.main" when the command names the module it runs
    config: str = ""  # gunicorn `-c FILE`


def tokens_of(text: str) -> list[str]:
    """Shell words of a command, or the items of an exec-form JSON list (`["uvicorn", ...]`)."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            found = json.loads(stripped)
        except ValueError:
            found = None
        if isinstance(found, list):
            return [str(item) for item in found]
        return [part.strip().strip("'\"") for part in stripped.strip("[]").split(",") if part.strip()]
    try:
        return shlex.split(stripped, comments=True)
    except ValueError:
        return stripped.split()


def parse(tokens: list[str], env: dict[str, str], platform_sets_concurrency: bool = False) -> Command | None:
    """The server command in these words, if any. `env`: variables the same file sets;
    `platform_sets_concurrency`: the platform exports WEB_CONCURRENCY (a Procfile)."""
    tokens = _shell_expanded(tokens)
    found = _server_at(tokens)
    if found is None:
        return None
    start, server = found
    args = _segment(tokens[start + (2 if server.startswith("fastapi") else 1):])
    if server in ("celery", "rq") and "worker" not in args:
        return None  # beat, flower, inspect ...: no task-running processes
    role = "worker" if server in JOB_SERVERS else "web"
    count, basis = _count(server, args, env, platform_sets_concurrency)
    dev = server == "fastapi dev" or "--reload" in args or any(a.startswith("--reload=") for a in args)
    config = _value(args, ("--config",), ("-c",)) if server == "gunicorn" else ""
    return Command(server, role, count, basis, dev, _app_module(server, args), config)


def _shell_expanded(tokens: list[str]) -> list[str]:
    """`sh -c "uvicorn app:app --workers 4"`: the shell runs the words of its argument."""
    for index, token in enumerate(tokens[:-1]):
        if token == "-c" and index > 0 and tokens[index - 1].rsplit("/", 1)[-1] in _SHELLS:
            return tokens[: index + 1] + tokens_of(tokens[index + 1]) + tokens[index + 2:]
    return tokens


def _server_at(tokens: list[str]) -> tuple[int, str] | None:
    for index, token in enumerate(tokens):
        if token in _SEPARATORS:
            continue
        name = token.rsplit("/", 1)[-1]
        if any(t in _INSTALLERS for t in tokens[max(0, index - 3):index]):
            continue  # `pip install uvicorn`
        if name in WEB_SERVERS or name in JOB_SERVERS:
            return index, name
        if name == "fastapi" and index + 1 < len(tokens) and tokens[index + 1] in ("run", "dev"):
            return index, f"fastapi {tokens[index + 1]}"
    return None


def _segment(args: list[str]) -> list[str]:
    """The arguments up to the next shell separator."""
    for index, arg in enumerate(args):
        if arg in _SEPARATORS:
            return args[:index]
    return args


def _option(args: list[str], long: tuple[str, ...], short: tuple[str, ...]) -> tuple[str, str] | None:
    """(flag, value) of `--workers 4`, `--workers=4`, `-w 4`, `-w4`, `-w=4`."""
    for index, arg in enumerate(args):
        for name in long + short:
            if arg == name and index + 1 < len(args):
                return name, args[index + 1]
            if arg.startswith(name + "="):
                return name, arg[len(name) + 1:]
            if name in short and arg.startswith(name) and len(arg) > len(name) and arg[len(name)] != "-":
                return name, arg[len(name):]
    return None


def _value(args: list[str], long: tuple[str, ...], short: tuple[str, ...]) -> str:
    found = _option(args, long, short)
    return found[1] if found else ""


def _count(server: str, args: list[str], env: dict[str, str], platform: bool) -> tuple[int | None, str]:
    pool = _value(args, ("--pool",), ("-P",))
    if server == "celery" and pool in _SINGLE_PROCESS_POOLS:
        return 1, f"`--pool {pool}` (one process)"
    long, short = _COUNT_OPTIONS.get(server, ((), ()))
    written = _option(args, long, short)
    if written is not None:
        value, how = resolve(written[1], env)
        return value, f"`{written[0]} {written[1]}`" + (f" ({how})" if how else "")
    if server in _PER_CORE:
        return None, f"{server}'s default: one process per CPU core"
    if server in _READS_WEB_CONCURRENCY and "WEB_CONCURRENCY" in env:
        value, how = resolve("$WEB_CONCURRENCY", env)
        return value, f"WEB_CONCURRENCY ({how})"
    if server in _READS_WEB_CONCURRENCY and platform:
        return None, "WEB_CONCURRENCY, which the platform sets from the machine size"
    return 1, f"{server}'s default of one process"


def resolve(text: str, env: dict[str, str]) -> tuple[int | None, str]:
    """A count as written: a number, `$VAR` set in `env`, or `${VAR:-N}`'s default."""
    text = text.strip().strip("'\"")
    if text.isdigit():
        return int(text), ""
    match = _ENV_REF.match(text)
    if match is None:
        return None, "not a number the repository fixes"
    name, default = match.group(1), match.group(3)
    value = env.get(name, "")
    if value.strip("'\"").isdigit():
        return int(value.strip("'\"")), f"{name}={value.strip(chr(39) + chr(34))}"
    if default and default.isdigit():
        return int(default), f"{default} unless {name} is set"
    return None, f"{name}, which the repository does not set: it scales with the machine"


def _app_module(server: str, args: list[str]) -> str:
    """The Python module the command runs: `pkg.main:app`, celery `-A pkg.worker`, arq `pkg.WorkerSettings`."""
    if server == "celery":
        return _value(args, ("--app",), ("-A",)).split(":")[0]
    if server == "arq":
        positional = next((a for a in args if not a.startswith("-")), "")
        return positional.rpartition(".")[0]
    for arg in args:
        match = _APP.match(arg.strip("'\""))
        if match:
            return match.group(1)
    return ""
