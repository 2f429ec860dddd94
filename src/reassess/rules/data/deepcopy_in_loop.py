"""RA223 unnecessary-copy: `copy.deepcopy` on every pass of a loop."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class DeepcopyInLoop(SmellRule):
    """`copy.deepcopy(...)` inside a loop over data.

    What it finds:
        Calls to `deepcopy` in the body of a loop (or comprehension) that iterates over data.
        Snapshots of an object the loop itself changes between passes (`windows.append(
        copy.deepcopy(window))` then `window.start += step`) are needed copies and are left out.

    Why it matters:
        `deepcopy` walks and rebuilds the whole object graph through Python-level recursion;
        repeated per item it is often the most expensive line of the loop.

    Example:
        for user in users:
            payload = copy.deepcopy(template)
            payload["to"] = user.email

    Instead:
        Copy only what changes (a shallow `dict(template)` or `{**template, "to": ...}`), or
        build the per-item value directly.
    """

    id = "RA223"
    name = "deepcopy-in-loop"
    category = "unnecessary-copy"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("deepcopy-in-loop",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        return self.in_loop(
            ctx, smell,
            f"`deepcopy` on every pass of a loop in {self.where(smell)}",
            f"{self.where(smell)} deep-copies an object for every item of the loop at line "
            f"{smell.data['loop_line']}; deepcopy rebuilds the whole object graph each time.",
            recommendation="Copy only the part that changes per item, e.g. `{**template, \"to\": user.email}`, "
                           "or build the value directly.",
        )
