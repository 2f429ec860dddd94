"""RA506 single-point-of-failure: a periodic job the startup code runs on one node only, chosen by configuration."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.app import EntryPoint, is_test_path
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.runtime import forward, short
from ..api import ProjectContext, Rule, register
from ._shared_writes import uncoordinated_writes
from ._job_starts import config_gate, startup_site

# a test naming the node's role or identity (`settings.node_name == settings.settlement_node`,
# `config.is_leader`, `settings.run_scheduler`): configuration saying which replica runs the job
_ROLE = re.compile(r"node|host|instance|replica|pod|leader|primary|master|singleton|scheduler|cron|role", re.I)


@register
class JobPinnedToOneNode(Rule):
    """A periodic job the startup code runs on one node only, chosen by configuration.

    What it finds:
        A background loop that runs on a timer, started from the lifespan or a startup hook inside
        an `if` on configuration - `if settings.run_scheduler:`, `if settings.node_name ==
        settings.billing_node:` - when the test names the node's role or identity, or when the job
        changes shared state with no lock (so the flag is what keeps it from running twice).
        Feature switches around jobs that are safe everywhere are not reported.

    Why it matters:
        The deployment must give exactly one replica the flag. That replica is a single point of
        failure: when it crashes, is rescheduled or is scaled away, the job stops on every node
        and nothing notices (settlements, expiries, billing rounds stop); give the flag to two
        replicas by mistake, or during a rolling deploy, and the job runs twice concurrently.

    Example:
        if settings.node_name == settings.settlement_node:
            settlement_worker.start()  # only that node settles; it dies, settlement stops

    Instead:
        Start the job on every replica and let one win each round with a lock or lease that
        expires, so another replica takes over when the holder dies:

            async with redis.lock("settlement", timeout=interval * 2, blocking=False) as got:
                if got:
                    await settle_due_markets()
    """

    id = "RA506"
    name = "job-pinned-to-one-node"
    category = "single-point-of-failure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if single_process(model):
            return  # one process on the user's machine: there is no other node to pin the job to
        workers = [e for e in model.app.of_kind("worker") if e.details.get("at_startup")
                   and (e.details.get("loop") or {}).get("sleep") and not is_test_path(e.path)]
        ctx.examine("workers started at startup", len(workers))
        gated: dict[tuple[str, int], list] = {}
        for entry in workers:
            gate = config_gate(model, entry)
            if gate is not None:
                writes = uncoordinated_writes(model, forward(model, [entry.details["loop"].get("function")
                                                                      or entry.function]))
                gated.setdefault(gate[1:], []).append((gate[0], entry, writes))
        for (path, line), jobs in sorted(gated.items()):
            block, entry, writes = max(jobs, key=lambda job: len(job[2]))  # name the job the flag protects
            if _ROLE.search(" ".join(block["chains"])) or writes:
                yield self._finding(model, entry, path, line, writes)

    def _finding(self, model: ProjectModel, entry: EntryPoint, path: str, line: int,
                 writes: list[tuple[str, int, str]]) -> Finding:
        test = model.line_text(path, line).strip().rstrip(":")
        started = startup_site(model, entry)
        description = (
            f"`{short(entry.function)}` runs every `{entry.details['loop'].get('sleep')}`, but the startup code "
            f"starts it only where `{test.removeprefix('if ').removeprefix('elif ')}` holds, so the deployment "
            "must give that to exactly one replica. That replica is a single point of failure for the job: when "
            "it crashes, restarts or is scaled away, the job stops on every node, with nothing to take over"
            + (f"; and the job changes shared state with no lock ({len(writes)} place"
               f"{'s' if len(writes) != 1 else ''}), so two replicas given the flag would run it twice." if writes
               else ".")
        )
        related = [Location(started[1], started[2], started[2], "the job is started here")] if started else []
        related += [Location(entry.path, entry.line, entry.line, f"job {short(entry.function)}")]
        related += [Location(p, ln, ln, what) for p, ln, what in writes[:3]]
        return self.finding(Location(path, line, line),
                            f"{short(entry.function)} runs on one configured node only", description,
                            related=related)
