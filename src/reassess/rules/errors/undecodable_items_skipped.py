"""RA110 swallowed-exception: items a batch cannot read skipped with `continue`, without a trace."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ...model.resilience.triggers import background_or_main
from ...model.statements import is_tooling_path
from ..api import ProjectContext, Rule, register
from ..observability.failure_skipped_silently import collected_skip, undecodable_skipped
from .handlers import commented


@register
class UndecodableItemsSkipped(Rule):
    """A loop that drops every item it cannot decode with `continue`, leaving no trace.

    What it finds:
        `try: ref = body["ref"]; amount = int(body["amount"]) except (KeyError, ValueError):
        continue` inside a loop, where the rest of the loop goes on to process the item
        (an awaited call after the handler), or where the `try` collects the item the project's
        own builder makes of it (`records.append(map_record(raw))`, also with `pass` when the `try`
        holds nothing but that call; on a conversion error alone, `ValueError` or `InvalidOperation`, when
        that builder is a record class given two or more values: `rows.append(Row(raw["ref"],
        Decimal(raw["amount"])))`), or where the loop collects further down what the `try` read
        (`cost = Decimal(row["cost"])` skipped on `(KeyError, InvalidOperation)`, then
        `rows.append({"cost": cost, ...})`): an item whose fields are
        missing or malformed is dropped with no log line, counter or dead-letter copy. In request
        code and background jobs alike. Converting plain values (`out.append(int(v))`) is not
        judged, and a handler whose author explains the skip in a comment beside it is left alone.

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
        jobs = background_or_main(model)
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path) or is_tooling_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                if handler.get("exit") not in ("continue", "pass") or commented(model.lines(facts.path), handler):
                    continue
                if (work := undecodable_skipped(func, handler)) is not None:
                    yield self._finding(facts.path, fq, handler, work, fq in jobs)
                elif (built := collected_skip(model, fq, func, handler)) is not None:
                    yield self._collected_finding(facts.path, fq, handler, built, fq in jobs)

    def _finding(self, path: str, fq: str, handler: dict, work, job: bool) -> Finding:
        caught = ", ".join(handler["types"])
        description = (f"`{short(fq)}`{_RUNS if job else ''} skips every item it cannot read ({caught}) with "
                       f"`continue`, before `{work.name}()` (line {work.line}) would have processed it: malformed "
                       "input is dropped without a log line or a count, so the caller sees success while items "
                       "were lost" + (" and a producer that changed its format goes unnoticed." if job else "."))
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"Unreadable items skipped silently in {short(fq)}", description,
                            related=[Location(path, work.line, work.end_line, "the processing the item never reaches")],
                            recommendation=_recommendation(caught))

    def _collected_finding(self, path: str, fq: str, handler: dict, built, job: bool) -> Finding:
        caught = ", ".join(handler["types"])
        verb = "collects" if built.line > handler["line"] else "builds"  # collected below the handler
        description = (f"`{short(fq)}`{_RUNS if job else ''} {verb} each item with `{built.name}()` (line "
                       f"{built.line}) and leaves out, with `{handler['exit']}`, every one that raises {caught}: the "
                       "batch comes out shorter with no log line or count of what was dropped, so records lost "
                       "to a changed or malformed input go unnoticed.")
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"Unreadable items left out silently in {short(fq)}", description,
                            related=[Location(path, built.line, built.end_line, "the item that is left out")],
                            recommendation=_recommendation(caught))


_RUNS = " runs in the background and"


def _recommendation(caught: str) -> str:
    return ("Leave a trace of what was skipped, and count it in the run's summary:\n\n"
            f"    except ({caught}) as exc:\n"
            "        log.warning(\"skipping malformed item: %r\", exc)\n"
            "        skipped += 1\n"
            "        continue")
