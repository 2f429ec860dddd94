"""RA110 swallowed-exception: items a batch cannot read skipped with `continue`, without a trace."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ...model.resilience.triggers import background
from ...model.statements import is_tooling_path
from ..api import ProjectContext, Rule, register
from ..observability.failure_skipped_silently import process_mains, undecodable_skipped
from .handlers import commented


@register
class UndecodableItemsSkipped(Rule):
    """A loop that drops every item it cannot decode with `continue`, leaving no trace.

    What it finds:
        `try: ref = body["ref"]; amount = int(body["amount"]) except (KeyError, ValueError):
        continue` inside a loop, where the rest of the loop goes on to process the item
        (an awaited call after the handler): an item whose fields are missing or malformed is
        dropped with no log line, counter or dead-letter copy. Code reached by a request or
        an admin action is reported here; background jobs and worker processes' main loops are
        RA603's (logging-gap). A handler whose author explains the skip in a comment beside it
        is left alone.

    Why it matters:
        The batch reports success while some input was never processed: a partner that
        changed its payload format, a truncated record or a bug in the parsing loses data
        silently, and nothing tells how many items were skipped or why.

    Example:
        for row in rows:
            try:
                member = row["member"]
                miles = int(row["miles"])
            except (KeyError, ValueError):
                continue
            await ledger.credit(member, miles)

    Instead:
        except (KeyError, ValueError) as exc:
            log.warning("skipping malformed callback %s: %r", row.get("id"), exc)
            skipped += 1
            continue
    """

    id = "RA110"
    name = "undecodable-items-skipped"
    category = "swallowed-exception"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        jobs = background(model) | process_mains(model)  # RA603 judges these
        for fq, facts, func in model.iter_functions():
            if fq in jobs or is_test_path(facts.path) or is_tooling_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                if handler.get("exit") != "continue" or commented(model.lines(facts.path), handler):
                    continue
                work = undecodable_skipped(func, handler)
                if work is not None:
                    yield self._finding(facts.path, fq, handler, work)

    def _finding(self, path: str, fq: str, handler: dict, work) -> Finding:
        caught = ", ".join(handler["types"])
        description = (f"`{short(fq)}` skips every item it cannot read ({caught}) with `continue`, before "
                       f"`{work.name}()` (line {work.line}) would have processed it: malformed input is dropped "
                       "without a log line or a count, so the caller sees success while items were lost.")
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"Unreadable items skipped silently in {short(fq)}", description,
                            related=[Location(path, work.line, work.end_line, "the processing the item never reaches")],
                            recommendation=f"Leave a trace of what was skipped:\n\n    except ({caught}) as exc:\n"
                                           "        log.warning(\"skipping malformed item: %r\", exc)\n"
                                           "        continue")
