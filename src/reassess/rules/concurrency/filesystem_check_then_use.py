"""RA309 race-condition: a path tested for existence, then created, removed or opened (TOCTOU)."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import EntryPoint, is_test_path
from ...model.project import Edge
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._entries import concurrent_coroutines, entry_index
from ._ws import enclosing, handled_by

_CHECKS = ("path.exists", "path.isfile", "path.isdir", "path.lexists")
_PATH_CHECKS = frozenset({"exists", "is_file", "is_dir"})
_FUNCTION_ACTS = frozenset({"os.makedirs", "os.mkdir", "os.remove", "os.unlink", "os.rmdir", "os.rename", "os.replace",
                            "shutil.rmtree", "shutil.move", "shutil.copy", "shutil.copyfile", "shutil.copytree",
                            "open"})
_METHOD_ACTS = frozenset({"mkdir", "unlink", "rmdir", "touch", "write_text", "write_bytes", "rename", "replace",
                          "open"})
_SAFE_KWARGS = ("exist_ok", "missing_ok", "dirs_exist_ok")
_WRITES = frozenset({"open", "write_text", "write_bytes"})  # file content written in place


@register
class FilesystemCheckThenUse(Rule):
    """Code that runs concurrently (a coroutine, or sync code run in worker threads) testing
    a path (`os.path.exists`, `Path.exists`, `isfile`, `isdir`) and then creating, removing,
    renaming or writing it based on the answer.

    What it finds:
        An `if` on an existence test followed, in its branch (or after it when the branch
        returns), by `os.makedirs`/`mkdir`/`remove`/`unlink`/`rename`/`shutil.*`/`open` for
        writing on the same path, in an `async def` an entry point reaches, or in a sync
        function that runs in threads while the app serves (a sync endpoint or dependency in
        FastAPI's threadpool, a Tornado handler under `@run_on_executor`, a callable handed to
        `to_thread`/`run_in_executor` by serving code, and the sync code they call). Calls that
        already tolerate the other outcome
        (`exist_ok=True`, `missing_ok=True`), reads of a file just seen to exist, sync code
        run on the event loop (nothing interleaves there) and code no entry point reaches
        (scripts, one-off commands) are not reported.

    Why it matters:
        Concurrent requests interleave between the test and the action (and other processes
        can too): one creates the directory the other then fails to create, or removes the
        file the other is about to open, and the request fails with FileExistsError or
        FileNotFoundError that the check was meant to prevent. A file written in place after
        an existence check is seen half-written by a concurrent caller that finds it there.

    Example:
        if not os.path.exists(upload_dir):
            os.makedirs(upload_dir)

    Instead:
        Do the operation and handle the outcome, which is atomic (write files to a temporary
        name and `os.replace` them into place):

            os.makedirs(upload_dir, exist_ok=True)
            # or: try: os.remove(path) except FileNotFoundError: pass
    """

    id = "RA309"
    name = "filesystem-check-then-use"
    category = "race-condition"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        examined = 0
        threads = entry_index(ctx).in_threads()
        places = [(fq, facts, func, func.extra.get("blocks", ()), None)
                  for fq, facts, func in concurrent_coroutines(ctx)]
        places += [(fq, facts, func, func.extra["path_checks"], threads[fq])
                   for fq, facts, func in ctx.model.iter_functions(within=set(threads))
                   if "path_checks" in func.extra and not is_test_path(facts.path)]
        for fq, facts, func, blocks, thread in places:
            for block in blocks:
                if block.get("kind") != "if":
                    continue
                for name, arg in block.get("calls", ()):
                    subject = _subject(name, arg)
                    if subject is None:
                        continue
                    examined += 1
                    act = _act(func, block, subject)
                    if act is not None:
                        yield self._finding(ctx, fq, facts.path, block, name, act, thread)
        ctx.examine("path existence checks in coroutines and threaded code", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, block: dict, check: str, act: CallSite,
                 thread: "Edge | EntryPoint | None") -> Finding:
        writes = bool(act.func) and act.func[-1] in _WRITES  # `_act` keeps only opens that write
        description = (f"`{short(fq)}` tests the path with `{check}` at line {block['line']} and then calls "
                       f"`{act.name}` at line {act.line} on the strength of that test. ")
        if writes:
            description += ("Two concurrent calls can both pass the test and write the file at once, and a call that "
                            "finds the file already there returns while another is still writing it, so readers get "
                            "a partial file; a crash mid-write leaves that partial file for every later call to keep.")
        else:
            description += ("Another request (or process) can create or remove the path in between, and the call "
                            "fails with the very error the check was meant to avoid.")
        related = [Location(path, act.line, act.end_line, "acts on the checked path")]
        if isinstance(thread, Edge):
            where = ctx.model.functions[thread.caller][0].path
            description += (f" `{short(fq)}` runs in worker threads (handed to a thread by "
                            f"`{short(thread.caller)}`), so concurrent calls do interleave there.")
            related.append(Location(where, thread.site.line, thread.site.end_line, "runs it in a worker thread"))
        elif thread is not None and thread.runs_in == "thread":
            description += (f" Its framework runs each call of {thread.name.strip()} in a worker thread, so "
                            f"concurrent requests interleave there.")
        elif thread is not None:
            description += (f" It runs in FastAPI's threadpool for {thread.name.strip()}, so concurrent requests "
                            f"interleave there.")
            related.append(Location(thread.path, thread.line, thread.line, f"entry point: {thread.name.strip()}"))
        return self.finding(Location(path, block["line"], block["line"]),
                            f"Check-then-use on a path (`{check}` then `{act.name}`) in `{short(fq)}`",
                            description, related=related, recommendation=_recommendation(act, writes))


def _recommendation(act: CallSite, writes: bool) -> str:
    if writes:
        target = (_source(act.args[0]) if act.args else "path") if act.func[-1] == "open" else ".".join(act.func[:-1])
        return ("Write to a unique temporary file beside it and rename it into place, so the path only ever "
                "names a complete file (the rename is atomic):\n\n"
                f"    fd, tmp = tempfile.mkstemp(dir=os.path.dirname({target}))\n"
                "    with os.fdopen(fd, \"wb\") as fh:\n        fh.write(data)\n"
                f"    os.replace(tmp, {target})")
    method = act.func[-1] if act.func else ""
    fix = {"makedirs": "os.makedirs(path, exist_ok=True)", "mkdir": "path.mkdir(parents=True, exist_ok=True)",
           "unlink": "path.unlink(missing_ok=True)"}.get(method, "try:\n        ...\n"
                                                         "    except FileNotFoundError:\n        ...")
    return f"Drop the check and make the operation tolerate both outcomes:\n\n    {fix}"


def _source(value) -> str:
    return value["ref"] if isinstance(value, dict) and "ref" in value else "path"


def _subject(name: str, arg) -> tuple[str, object] | None:
    """("arg", value) for `os.path.exists(value)`, ("self", "p") for `p.exists()`."""
    if name.endswith(_CHECKS) and arg is not None:
        return ("arg", arg)
    head, _, method = name.rpartition(".")
    if method in _PATH_CHECKS and head and arg is None:
        return ("self", head)
    return None


def _act(func: FunctionFacts, block: dict, subject: tuple[str, object]) -> CallSite | None:
    start = block["line"]
    end = func.end_line if block.get("exits") else block["end"]
    for site in func.calls:
        if not (start < site.line <= end) or not site.func or any(site.kwargs.get(k) is True for k in _SAFE_KWARGS):
            continue
        kind, value = subject
        if _rebound(func, value, start, site.line):
            continue  # `path = await download(...)` after the test: the act uses another path
        if site.func[-1] == "open" and not _writes(site, 1 if kind == "arg" else 0):
            continue  # reading a file that was just seen is not worth a finding
        if site.func[-1] not in _WRITES and _tolerated(func, block, site):
            continue  # (a write is not made safe by a handler: readers still see it half-written)
        if kind == "arg" and site.name in _FUNCTION_ACTS and site.args[:1] == (value,):
            return site
        if kind == "self" and site.func[-1] in _METHOD_ACTS and ".".join(site.func[:-1]) == value:
            return site
    return None


def _rebound(func: FunctionFacts, value: object, after: int, before: int) -> bool:
    """The local the test looked at (`os.path.isfile(local_path)`, `target.exists()`) is assigned
    again between the test and a later call (`facts` `rebound_lines`)."""
    name = value.get("ref") if isinstance(value, dict) else value
    lines = func.extra.get("rebound_lines", {}).get(name, ()) if isinstance(name, str) else ()
    return any(after < line < before for line in lines)


# what a create/remove raises when the other side won the race
_RACE_ERRORS = ("OSError", "FileNotFoundError", "FileExistsError", "IOError")


def _tolerated(func: FunctionFacts, block: dict, site: CallSite) -> bool:
    """`try: os.unlink(tmp) except OSError: ...` after the test: the act already survives the
    other outcome (like `missing_ok=True`), so the check is only a shortcut. Only a `try` opened
    after the test counts: one around the whole function handles a failure, it does not expect it."""
    inner = [b for b in enclosing(func, site.line, "try") if b["line"] > block["line"]]
    return any(b.get("try_line") in {t["line"] for t in inner} for b in handled_by(func, site.line, _RACE_ERRORS))


def _writes(site: CallSite, index: int) -> bool:
    mode = site.kwargs.get("mode", site.args[index] if len(site.args) > index else "r")
    return isinstance(mode, str) and any(flag in mode for flag in "wxa")
