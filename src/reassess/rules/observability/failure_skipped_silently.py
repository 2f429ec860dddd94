"""RA603 logging-gap: a background job skips an item whose remote call failed, without a trace."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ...model.resilience.triggers import background, process_mains
from ..api import ProjectContext, Rule, register
from ..errors.handlers import commented
from ..resilience._stream_replies import stream_exchanges
from ...knowledge.exceptions import is_broad
from ._dropped_work import broad_skip, failure_passed, library_failure_dropped, no_work_lost, per_item_drop
# `try_body` and the others are re-exported: the error rules import them from here
from ._silent_handlers import enclosing_loop, silent, try_body, try_calls
from ._skipped_records import collected_skip, processing_skipped, undecodable_skipped
from ._wrapped_failures import caught_project_errors, first_http_call, wrapping_raise


@register
class FailureSkippedSilently(Rule):
    """A background job catches the error that reports a failed remote call and moves on, logging nothing.

    What it finds:
        `except SomeError: continue` (or `pass`, `return`, a flag) in code that background
        workers run, where `SomeError` is the project's own exception that a function called in
        the `try` raises while handling a failed HTTP or database call (`except httpx.HTTPError
        as exc: raise UpstreamError(...) from exc`), or on the answer to a request it wrote to an
        asyncio stream (`writer.write(...)`, then `raise RegistryError(...)` on an error code). The handler neither logs nor re-raises, so
        the item is skipped and the outage leaves no record. A broad handler (`except
        Exception: continue`) inside a loop of such code is reported here too: every failure of
        the job is skipped without a trace (the code review still names the same handler as a
        broad or swallowed exception), and so is a broad handler that drops the failure
        (`pass`, `return`) in a helper such a loop calls once per item (`await
        self._handle(event)`; not a `try` that calls nothing, `return value in allowed`, nor the
        helper calling itself), or a dependency's error dropped the same way in such a helper
        called from a `for` loop or a per-item `gather` (`except httpx.HTTPError: pass` in
        `_notify(user)`; not from a keep-alive `while` loop, where it only skips a round). A
        dependency's failure caught around the job's remote work and answered with `pass` is
        reported too - its library's base error, or the builtin `ConnectionError` /
        `TimeoutError` standing for it when the `try` reaches a remote call (`try: await
        asyncio.gather(*(self._send(row) for row in rows)) except (ConnectionError,
        TimeoutError): pass`); other errors caught with `pass` are the swallowed-exception
        rule's subject. A dependency's base error (`SQLAlchemyError`,
        `httpx.HTTPError`) caught there and answered with a bare `return` (the rest of the job
        dropped) or a `continue` in a loop (the item skipped) is reported here, also when
        builtin errors are caught beside it (`except (asyncpg.PostgresError, LookupError)`). Handlers
        that log, re-raise or use the
        exception are fine, and so are those that answer it with a result of their own (`except
        IsPlaylist: kind = Kind.PLAYLIST`, `kind` read further down, or `return url, Kind.PLAYLIST`):
        the exception chose another path, nothing failed; noting the item in a collection (`failed.append(item.id)`) is not a
        trace of why it failed. A broad handler whose `try` loses no work is not reported: a
        keep-alive loop (`_ping_loop`), best-effort teardown (`await conn.close()`), or local
        computation that awaits nothing and reaches no remote call (a URL formatter, a gauge set on
        a metric; RA102 names that handler). Also
        the `except (KeyError, ValueError): continue` handler around the item's processing itself
        (`try: await self._process(event)`): an item whose processing fails is dropped without a
        trace. Items a loop cannot decode (`try: record = _parse(msg) except (ValueError,
        KeyError): continue`) are RA110's (swallowed-exception), in background code too.

    Why it matters:
        A job that silently skips what it could not fetch reports success: a release that was
        never mirrored, a report row that was never sent. Nobody sees the upstream failing until
        the missing results are noticed downstream, and there is no error count or message to
        tell a flaky upstream from a permanent one.

    Example:
        try:
            data = await self._cdn.download(entry["path"], max_bytes=MAX_IMAGE_BYTES)
        except UpstreamError:
            continue

    Instead:
        Keep skipping, but say what was skipped and why (and count it in the run's summary):

            except UpstreamError as exc:
                log.warning("skipping release %s: %s", entry["version"], exc)
                skipped += 1
                continue
    """

    id = "RA603"
    name = "failure-skipped-silently"
    category = "logging-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        calls = analysis(model).calls
        streams = stream_exchanges(model)  # a request written to a raw asyncio stream is a remote call too
        remote = {call.fq for call in calls} | set(streams)
        http = first_http_call(calls)
        http.update({fq: min(line, http.get(fq, line)) for fq, line in streams.items()})
        jobs = background(model)
        daemons = process_mains(model) - jobs
        for fq in sorted(jobs | daemons):
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                if silent(func, handler) and not handler.get("other_path"):
                    finding = self._judge(model, fq, func, handler, fq in daemons, jobs, remote, http)
                    if finding is not None:
                        yield finding

    def _judge(self, model: ProjectModel, fq: str, func, handler: dict, daemon: bool, jobs: set[str],
               remote: set[str], http) -> Finding | None:
        """The finding for one silent handler of background code, by the first situation that fits."""
        if undecodable_skipped(func, handler) is not None or collected_skip(model, fq, func, handler) is not None:
            return None  # an unreadable item dropped: RA110's (swallowed-exception), wherever it runs
        if (work := processing_skipped(model, fq, func, handler)) is not None:
            return self._processing_finding(model, fq, handler, work)
        if daemon:  # only the broad skip is judged in a worker process's own loop
            return self._broad_finding(model, fq, handler) if broad_skip(func, handler) else None
        caught = caught_project_errors(model, fq, handler)
        found = wrapping_raise(model, fq, handler, caught, remote, http) if caught else None
        if found is not None:
            return self._finding(model, fq, handler, found)
        if no_work_lost(model, fq, func, handler, remote):
            return None
        if broad_skip(func, handler):
            return self._broad_finding(model, fq, handler)
        if (loop_edge := per_item_drop(model, fq, func, handler, jobs)) is not None:
            return self._item_finding(model, fq, handler, loop_edge)
        if caught:
            return None
        site = library_failure_dropped(model, fq, handler) or failure_passed(model, fq, handler)
        return self._library_finding(model, fq, handler, site) if site is not None else None

    def _broad_finding(self, model: ProjectModel, fq: str, handler: dict) -> Finding:
        facts, func = model.functions[fq]
        loop = enclosing_loop(func, handler["line"])
        calls = try_calls(func, handler)
        what = f"`{calls[0].name}()`" if calls else "the loop body"
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"`{short(fq)}` runs in the background and, in the loop at line {loop['line']}, catches {caught} around "
            f"{what} and goes on to the next item{_how_on(handler)}: every failure (a bug, a dropped "
            "connection, a bad row) is skipped without a log line or a traceback, so a job that fails "
            "for every item still looks healthy and nobody can tell why items fail."
        )
        name = handler.get("name") or "exc"
        recommendation = (
            "Keep going, but leave a trace of each skipped item (with the traceback) and count them:\n\n"
            f"    except {handler['types'][0] if handler['types'] else 'Exception'} as {name}:\n"
            f"        log.exception(\"{short(fq)}: item failed, skipping\")\n"
            "        failed += 1\n"
            + (f"        {handler['exit']}" if handler.get("exit") else "")
        ).rstrip()
        related = [Location(facts.path, calls[0].line, calls[0].end_line, "the call whose failures are skipped")] \
            if calls else []
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Failures skipped silently in background job {short(fq)}", description,
                            related=related, recommendation=recommendation, severity=_documented(model, facts, handler))

    def _processing_finding(self, model: ProjectModel, fq: str, handler: dict, work) -> Finding:
        facts, func = model.functions[fq]
        loop = enclosing_loop(func, handler["line"])
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` runs in the background and, in the loop at line {loop['line']}, catches {caught} "
            f"around `{work.name}()` (line {work.line}) and goes on with `continue`: an item that raises one of "
            "them - a record that does not exist, a malformed field, a bug deep in the processing - is dropped "
            "with no log line, counter or dead-letter copy, so lost items go unnoticed."
        )
        recommendation = _logged_skip("Keep skipping, but record what was dropped and why", handler,
                                      f"{short(fq)}: dropping item")
        related = [Location(facts.path, work.line, work.end_line, "the processing whose failures are dropped")]
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Items that fail processing dropped silently in background job {short(fq)}",
                            description, related=related, recommendation=recommendation)

    def _item_finding(self, model: ProjectModel, fq: str, handler: dict, loop_edge) -> Finding:
        facts, func = model.functions[fq]
        caller_path = model.functions[loop_edge.caller][0].path
        calls = try_calls(func, handler)
        what = f"`{calls[0].name}()`" if calls else "the work in its `try`"
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"`{short(loop_edge.caller)}` runs in the background and calls `{short(fq)}` for each item of its loop "
            f"(line {loop_edge.site.line}); there the handler at line {handler['line']} catches {caught} around "
            f"{what}{_how_on(handler)}: every failure of that step "
            + ("(a bug, a dropped connection, a bad item) " if is_broad(handler["types"]) else
               "(the dependency down, refusing or timing out) ")
            + "vanishes without a log line or a traceback, so the item is silently left half done."
        )
        recommendation = (
            "Keep going, but leave a trace of the failed step (with the traceback):\n\n"
            f"    except {handler['types'][0] if handler['types'] else 'Exception'}:\n"
            f"        log.exception(\"{short(fq)}: step failed\")"
        )
        related = [Location(caller_path, loop_edge.site.line, loop_edge.site.end_line,
                            f"`{short(loop_edge.caller)}` calls `{short(fq)}` once per item here")]
        if calls:
            related.insert(0, Location(facts.path, calls[0].line, calls[0].end_line, "the call whose failures vanish"))
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Failures dropped silently in background step {short(fq)}", description,
                            related=related, recommendation=recommendation, severity=_documented(model, facts, handler))

    def _library_finding(self, model: ProjectModel, fq: str, handler: dict, site) -> Finding:
        facts, _func = model.functions[fq]
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` runs in the background and catches {caught} from `{site.name}()` (line {site.line}) "
            + (f"with a bare `{handler['exit']}`" if handler["exit"] else "and goes on to the next item")
            + f" at line {handler['line']}: when the dependency fails, "
            + ("the rest of the job is dropped" if handler["exit"] == "return" else "that item is skipped")
            + " and nothing is logged, so the outage and the lost work leave no trace."
        )
        name = handler.get("name") or "exc"
        recommendation = (
            "Keep going, but say what was dropped and why:\n\n"
            f"    except {caught if len(handler['types']) == 1 else '(' + caught + ')'} as {name}:\n"
            f"        log.warning(\"{short(fq)}: {site.name} failed, "
            f"{'giving up' if handler['exit'] == 'return' else 'skipping'}: %s\", {name})"
            + (f"\n        {handler['exit']}" if handler["exit"] not in ("pass", "") else "")
        )
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"{caught} from {site.name}() dropped silently in {short(fq)}", description,
                            related=[Location(facts.path, site.line, site.end_line,
                                              "the call whose failure is dropped")],
                            recommendation=recommendation)

    def _finding(self, model: ProjectModel, fq: str, handler: dict, found: tuple) -> Finding:
        facts, _func = model.functions[fq]
        site, raiser, raise_line = found
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` calls `{site.name}()` (line {site.line}), which raises {caught} when its remote call "
            f"fails (`{short(raiser)}`, {model.functions[raiser][0].path}:{raise_line}), and the handler at line "
            f"{handler['line']} moves on without logging or re-raising it: the item is skipped and the failure "
            "leaves no trace in a job nobody watches."
        )
        related = [Location(facts.path, site.line, site.end_line, "the call whose failure is skipped"),
                   Location(model.functions[raiser][0].path, raise_line, raise_line,
                            f"{caught} raised for the failed call")]
        name = handler.get("name") or "exc"
        noted = blk.calls_in(model.functions[fq][1], handler["line"] + 1, handler["end"])
        if noted:
            description += (f" `{noted[0].name}(...)` at line {noted[0].line} notes that the item failed, "
                            "but not why.")
        recommendation = (
            "Keep the skip, but leave a trace of what was skipped and why:\n\n"
            f"    except {caught} as {name}:\n"
            f"        log.warning(\"{site.name} failed, skipping: %s\", {name})\n"
            + (f"        {noted[0].name}(...)" if noted else "        continue")
        )
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"{caught} from {site.name}() skipped silently in {short(fq)}", description,
                            related=related, recommendation=recommendation)


def _how_on(handler: dict) -> str:
    return f" with `{handler['exit']}`" if handler.get("exit") else f" (the handler ends at line {handler['end']})"


def _logged_skip(intro: str, handler: dict, message: str) -> str:
    """A recommendation that keeps the `continue` of a skipping handler and logs what it drops."""
    name = handler.get("name") or "exc"
    return (f"{intro}:\n\n"
            f"    except ({', '.join(handler['types'])}) as {name}:\n"
            f"        log.warning(\"{message}: %r\", {name})\n"
            "        continue")


def _documented(model: ProjectModel, facts, handler: dict) -> str | None:
    """LOW for a broad drop whose comment says it is meant (`pass  # telemetry is best effort`):
    a decision written down, still worth a look, not an oversight; else the rule's severity."""
    return "LOW" if commented(model.lines(facts.path), handler) else None
