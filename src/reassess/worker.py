"""Per-file work, run in a process pool: decode, parse once, extract facts, run file rules.

Returns a `FileResult` (facts and findings, never the tree), which is also what the
content-hash cache stores.
"""
from __future__ import annotations

import ast
import gc
import logging
import pickle
import sys
import warnings
from dataclasses import dataclass, field

from .config import Config
from .facts.extract import extract
from .facts.scopes import forget_reads
from .facts.pickling import register as register_pickling
from .facts.types import ModuleFacts
from .findings import Finding, Location
from .metrics.lines import file_line_metrics
from .metrics.tokens import file_fingerprints
from .rules.api import FileContext, Rule, rule_classes
from .source import decode, split_lines
from .newsyntax import Rewritten, parse_newer
from .unparsable import newer_syntax, why_not_parsed

logger = logging.getLogger("reassess")

RECURSION_LIMIT = 20_000
register_pickling()  # results travel to the main process (and the cache) as compact pickles


@dataclass
class FileTask:
    path: str
    module: str
    is_package: bool
    data: bytes


@dataclass
class FileResult:
    path: str
    facts: ModuleFacts | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # analysis problems worth telling, never tracebacks
    # the lines read as their older equivalent (newsyntax): told in one note for the whole run
    newer_lines: list[int] = field(default_factory=list)


_rules: list[Rule] | None = None
_config: Config | None = None


def init_worker(config: Config) -> None:
    """Pool initializer (also called in-process): load config and the enabled file rules once."""
    global _rules, _config
    gc.disable()  # see pipeline.run: trees hold no cycles; collection passes cost more than parsing
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    _config = config
    _rules = [cls(config) for cls in rule_classes("file") if config.rule_enabled(cls.id, cls.category)]


def parse_error(path: str, line: int, message: str, lines: list[str]) -> Finding:
    from .rules.meta.parse_error import ParseError

    rule = ParseError(_config or Config())
    line = min(max(1, line), max(1, len(lines)))
    return rule.finding(Location(path, line, line), f"{path} could not be analysed: {message}",
                        f"`{path}` was not analysed: {message}. Findings for this file are missing from the reports.")


def analyse(task: FileTask) -> FileResult:
    """All the per-file work for one file; never raises for bad input."""
    text, decode_error = decode(task.data)
    lines = split_lines(text)
    result = FileResult(task.path, None)
    if decode_error:
        result.findings.append(parse_error(task.path, 1, decode_error, lines))
        return result
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        result.findings.append(parse_error(task.path, line, "the file contains a NUL byte", lines))
        return result
    parsed = _tree(task, text, lines, result)
    if parsed is None:
        return result
    tree, type_params = parsed
    try:
        facts = extract(tree, task.path, task.module, task.is_package)
    except RecursionError:
        result.findings.append(parse_error(task.path, 1, "nested too deeply to analyse", lines))
        return result
    facts.bound_names |= type_params
    forget_reads(facts, type_params)
    facts.metrics = file_line_metrics(lines)
    facts.metrics.data.update(file_fingerprints(tree, lines, as_written=not result.newer_lines))
    result.facts = facts
    ctx = FileContext(task.path, tree, lines, facts, _config or Config())
    for rule in _rules or ():
        try:
            result.findings.extend(rule.check(ctx))
        except RecursionError:
            result.notes.append(f"{task.path}: rule {rule.id} skipped, the file is nested too deeply")
        except Exception as exc:  # a rule bug must not stop the run; it is reported as a note
            result.notes.append(f"{task.path}: rule {rule.id} failed ({type(exc).__name__}: {exc})")
            logger.debug("rule %s failed on %s", rule.id, task.path, exc_info=True)
    return result


def _tree(task: FileTask, text: str, lines: list[str], result: FileResult) -> tuple[ast.Module, set[str]] | None:
    """The file's tree and the type-parameter names its newer syntax declared; None (with a
    finding or a note in `result`) when it does not parse."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _parse(task, text), set()
    except SyntaxError as exc:
        line = exc.lineno or 1
        message = exc.msg or ""
        if newer_syntax(lines, line, message=message):
            rewritten = parse_newer(text, task.path)
            if isinstance(rewritten, Rewritten):
                result.newer_lines = rewritten.lines
                return rewritten.tree, rewritten.type_params
            if rewritten is not None:  # rewritten, it still fails further down: that line is the cause
                line, message = rewritten.lineno or line, rewritten.msg or message
        outside = why_not_parsed(task.path, lines, line, message)
        if outside:
            result.notes.append(outside)
        else:
            result.findings.append(parse_error(task.path, line, f"syntax error: {message}", lines))
    except (RecursionError, MemoryError, ValueError) as exc:
        reason = "nested too deeply to parse" if isinstance(exc, RecursionError) else str(exc) or type(exc).__name__
        result.findings.append(parse_error(task.path, 1, reason, lines))
    return None


def _parse(task: FileTask, text: str) -> ast.Module:
    """The file's tree. An ASCII file without a coding cookie is parsed from its bytes: the
    same tree as from the decoded text, about 10% faster (the parser need not re-encode the
    text). A syntax error is raised by the text parse, exactly as before."""
    data = task.data
    if data.isascii() and b"coding" not in b"\n".join(data.split(b"\n", 2)[:2]):
        try:
            return ast.parse(data, filename=task.path)
        except SyntaxError:
            pass
    return ast.parse(text, filename=task.path)


def analyse_batch(tasks: list[FileTask]) -> list[bytes]:
    """The results of a batch, each pickled on its own: the main process stores these bytes in
    the cache as they are (no second pickling there), and one pickle per result costs less
    than one for the whole batch, whose memo grows with every record."""
    return [pickle.dumps(analyse(task), protocol=pickle.HIGHEST_PROTOCOL) for task in tasks]
