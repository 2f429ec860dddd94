"""RA851 low-coverage: entry-point modules the recorded coverage data shows barely tested."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...metrics.coverage import CoverageData, coverage_of, function_ran
from ...metrics.testsuite import ENTRY_GROUPS
from ...model.app import is_offline_module
from ..api import ProjectContext, Rule, register

if TYPE_CHECKING:
    from ...model.app import EntryPoint
    from ...model.project import ProjectModel

ENTRY_KINDS = tuple(kind for _, kinds in ENTRY_GROUPS for kind in kinds)


@register
class LowCoverageEntryModule(Rule):
    """A module of routes, websocket handlers or workers that the tests barely run.

    What it finds:
        Reads the coverage data left at the analysed root by coverage.py (`coverage.json`,
        `coverage.xml` or the `.coverage` data file; the project is never imported or run)
        and reports each module defining entry points whose statement coverage is under
        `low_coverage_pct` (default 50). The `.coverage` file records only the lines that
        ran, not the statements, so with it alone the share of the module's handlers that
        ran at all is compared with the threshold instead. Handlers that never ran are
        related locations. Files whose recorded lines run past their end (data older than
        the code) are left out.

    Why it matters:
        Entry points are where untested code meets real traffic: a handler no test ran
        can fail on its first real request, and a worker no test ran can die silently.

    Example:
        app/routes/orders.py: 31% of statements run by the tests; `cancel_order` and
        `report_fill` never ran

    Instead:
        Add API tests for the handlers that never ran, starting with those that change
        state, then re-run `coverage run -m pytest && coverage json` so the next assessment
        reads fresh data.
    """

    id = "RA851"
    name = "low-coverage"
    category = "low-coverage"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        data = coverage_of(model)
        if data is None or data.problem:
            return
        threshold = float(self.option("low_coverage_pct", 50))
        by_path: dict[str, list["EntryPoint"]] = {}
        for entry in model.app.of_kind(*ENTRY_KINDS):
            if entry.function in model.functions and not is_offline_module(model.functions[entry.function][0]):
                by_path.setdefault(entry.path, []).append(entry)
        ctx.examine("entry-point modules with coverage data", sum(1 for p in by_path if p in data.files))
        for path in sorted(by_path):
            if path in data.files:
                found = self._module(model, data, path, sorted(by_path[path], key=lambda e: e.line), threshold)
                if found is not None:
                    yield found

    def _module(self, model: "ProjectModel", data: CoverageData, path: str, entries: list["EntryPoint"],
                threshold: float) -> Finding | None:
        ran = {e.function: function_ran(data, path, model.functions[e.function][1]) for e in entries}
        known = [e for e in entries if ran[e.function] is not None]
        never = [e for e in known if not ran[e.function]]
        percent = data.files[path].percent
        share = round(100 * (len(known) - len(never)) / len(known), 1) if known else None
        measure = percent if percent is not None else share
        if measure is None or measure >= threshold:
            return None
        first = never[0] if never else entries[0]
        if percent is not None:
            statements = data.files[path].statements or set()
            figure = (f"The tests ran {len(statements & data.files[path].executed)} of {len(statements)} statements "
                      f"of `{path}` ({percent:g}%, under the {threshold:g}% threshold)")
            title = f"`{path}` ({len(entries)} entry points) has {percent:g}% test coverage"
        else:
            figure = (f"Only {len(known) - len(never)} of the {len(known)} entry-point handlers of `{path}` ran under "
                      f"the tests ({share:g}%, under the {threshold:g}% threshold; `{data.source}` records executed "
                      f"lines only, so no statement percentage is given)")
            title = f"{len(never)} of {len(known)} entry points in `{path}` never ran under the tests"
        listed = ", ".join(f"`{model.functions[e.function][1].qualname}` ({e.name})" for e in never[:8])
        description = figure + (f"; never run: {listed}{' ...' if len(never) > 8 else ''}." if never else ".")
        description += f" Source: `{data.source}` at the analysed root."
        name = model.functions[first.function][1].name
        return self.finding(
            Location(first.path, first.line, first.line), title, description,
            recommendation=(f"Add tests for the handlers that never ran, starting with `{name}`, then regenerate "
                            "the data (`coverage run -m pytest && coverage json`):\n\n```python\n"
                            f"def test_{name.strip('_')}_happy_path(client):\n    ...\n\n\n"
                            f"def test_{name.strip('_')}_rejects_bad_input(client):\n    ...\n```"),
            severity="HIGH" if measure < threshold / 2 else "MEDIUM",
            related=[Location(e.path, e.line, e.line, f"{e.name}: never ran") for e in never if e is not first],
            extra={"coverage_pct": percent, "handlers_run_pct": share, "source": data.source},
        )
