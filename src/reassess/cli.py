"""The `reassess` command line.

Exit codes: 0 done; 1 findings at or above --fail-on (new ones only, with --baseline);
2 usage, configuration or input error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import sys
import time
from pathlib import Path

from . import __version__
from .config import ConfigError, load_config
from .findings import SEVERITY_RANK
from .output import FORMATS, default_out_dir, write_reports
from .report.terminal import summary_lines
from .rules.api import REGISTRY, rule_classes

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reassess",
        description="Architecture assessment and code review of an async Python backend, from its code.",
        epilog="Exit codes: 0 done, 1 findings at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"reassess {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    assess = sub.add_parser("assess", help="analyse a backend and write the reports")
    assess.add_argument("path", help="root folder of the backend")
    assess.add_argument("--out", help="report folder (default: PATH/docs/assessment N)")
    assess.add_argument("--format", default="md,json", help="comma list of md,json,sarif (json is always written)")
    assess.add_argument("--select", help="only these rules: ids (RA301), id prefixes (RA3) or categories")
    assess.add_argument("--ignore", help="skip these rules: ids, id prefixes or categories")
    assess.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    assess.add_argument("--fail-on", choices=list(SEVERITY_RANK),
                        help="exit 1 if a finding is at this severity or above")
    assess.add_argument("--baseline", help="an earlier findings.json: only new findings count for --fail-on")
    assess.add_argument("--no-cache", action="store_true", help="do not read or write the per-file cache")
    assess.add_argument("--cache-dir", help="cache folder (default: $XDG_CACHE_HOME/reassess)")
    assess.add_argument("--quiet", action="store_true", help="no summary on standard output")
    assess.add_argument("--verbose", action="store_true",
                        help="debug log on standard error (rule failures with tracebacks)")
    rule = sub.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("id", help="rule id (RA301) or category (sync-io-in-async)")
    sub.add_parser("rules", help="list the rules")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "assess":
            return _assess(args)
        if args.command == "rule":
            return _rule(args.id)
        if args.command == "rules":
            return _rules()
    except ConfigError as exc:
        print(f"reassess: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("reassess: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a defect of reassess itself: one clear line, the traceback on request
        print(f"reassess: internal error ({type(exc).__name__}: {str(exc)[:200]}); no report was written. "
              "This is a bug in reassess: please report it with the output of --verbose.", file=sys.stderr)
        logging.getLogger("reassess").debug("internal error", exc_info=True)
        return EXIT_INTERNAL
    parser.print_help()
    return EXIT_ERROR


def console() -> None:
    """The console script: `main`, then a hard exit once the output is flushed. A run keeps
    millions of small objects alive; freeing them one by one at interpreter exit takes about
    a second on a large tree and changes nothing (reports are written and closed by then)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    logging.shutdown()
    os._exit(code)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _assess(args: argparse.Namespace) -> int:
    from .pipeline import run

    root = Path(args.path)
    if not root.exists():
        print(f"reassess: {args.path}: no such folder", file=sys.stderr)
        return EXIT_ERROR
    if not root.is_dir():
        print(f"reassess: {args.path}: not a folder (give the backend's root folder)", file=sys.stderr)
        return EXIT_ERROR
    formats = _split(args.format)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        print(f"reassess: unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_ERROR
    root = root.resolve()
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    overrides = {"select": _split(args.select), "ignore": _split(args.ignore), "jobs": args.jobs,
                 "cache_dir": args.cache_dir}
    config = load_config(root, overrides)
    if args.no_cache:
        config.use_cache = False
    _check_rule_names(config.select + config.ignore)
    baseline = _load_baseline(args.baseline) if args.baseline else None
    out_dir = Path(args.out).resolve() if args.out else default_out_dir(root)
    gc.disable()  # the run keeps millions of small objects alive; collections would only cost time
    with _Progress(enabled=sys.stderr.isatty() and not args.quiet) as progress:
        result = run(config, progress)
    if baseline is not None:
        _apply_baseline(result, baseline)
    written = write_reports(result, out_dir, formats, _run_date())
    if not args.quiet:
        print("\n".join(summary_lines(result, out_dir, written)))
    return _exit_code(result, args.fail_on)


def _check_rule_names(items: list[str]) -> None:
    from .categories import CATEGORIES

    rule_classes()
    for item in items:
        if not (item in CATEGORIES or any(rule_id.startswith(item) for rule_id in REGISTRY)):
            raise ConfigError(f"'{item}' is neither a rule id, an id prefix nor a category (see `reassess rules`)")


def _load_baseline(path: str) -> set[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {f["fingerprint"] for f in data.get("findings", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc}") from exc


def _apply_baseline(result, baseline: set[str]) -> None:
    current = {f.fingerprint for f in result.findings}
    for finding in result.findings:
        finding.extra["baseline"] = "persisting" if finding.fingerprint in baseline else "new"
    result.metrics["baseline"] = {
        "new": sum(1 for f in result.findings if f.fingerprint not in baseline),
        "persisting": len(current & baseline),
        "resolved": len(baseline - current),
    }


def _exit_code(result, fail_on: str | None) -> int:
    if not fail_on:
        return EXIT_OK
    limit = SEVERITY_RANK[fail_on]
    for finding in result.findings:
        if SEVERITY_RANK[finding.severity] <= limit and finding.extra.get("baseline") != "persisting":
            return EXIT_FINDINGS
    return EXIT_OK


def _run_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() else dt.datetime.now()
    return when.strftime("%Y-%m-%d")


def _rule(key: str) -> int:
    classes = rule_classes()
    matches = [c for c in classes if c.id == key.upper() or c.name == key or c.category == key]
    if not matches:
        print(f"reassess: no rule '{key}' (see `reassess rules`)", file=sys.stderr)
        return EXIT_ERROR
    for cls in matches:
        docs = cls.docs()
        print(f"{cls.id} {cls.name or cls.category}  [{cls.category}, default severity {cls.severity}, "
              f"report: {cls.report()}]")
        if docs.get("summary"):
            print(f"\n{docs['summary']}")
        for section in ("What it finds", "Why it matters", "Example", "Instead"):
            if docs.get(section):
                print(f"\n{section}:\n" + "\n".join("    " + line for line in docs[section].splitlines()))
        print()
    return EXIT_OK


def _rules() -> int:
    for cls in rule_classes():
        print(f"{cls.id}  {cls.category:<28} {cls.severity:<8} {cls.summary()}")
    return EXIT_OK


class _Progress:
    """A rich progress bar on a terminal; nothing otherwise. It is redrawn from the calls
    themselves (at most ten times a second), never from a refresh thread: the run forks
    worker processes, and a fork must not copy a thread that may hold the terminal's lock."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None
        self._tasks: dict[str, int] = {}
        self._drawn = 0.0

    def __enter__(self):
        if self.enabled:
            from rich.progress import Progress

            self._bar = Progress(transient=True, auto_refresh=False)
            self._bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        label = {"files": "parsing files", "rules": "running rules"}.get(stage, stage)
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(label, total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)
        now = time.monotonic()
        if now - self._drawn >= 0.1 or done == total:
            self._drawn = now
            self._bar.refresh()

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
