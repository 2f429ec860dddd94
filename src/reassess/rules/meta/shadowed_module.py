"""RA002 shadowed-module."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ..api import FileContext, Rule, register


@register
class ShadowedModule(Rule):
    """A module file that no import can reach, because a package of the same name sits
    beside it.

    What it finds:
        `providers.py` next to a folder `providers/` that holds an `__init__.py`. Python's
        import system looks for the package first, so `import app.providers` always loads
        `providers/__init__.py` and the file's code never runs (unless started as a script,
        which a file with a `__main__` guard is assumed to be, and then it is not reported).

    Why it matters:
        The file reads like live code: fixes made in it change nothing in production, and a
        reviewer (or a tool) that trusts it reports defects the service cannot have. reassess
        leaves such a file out of the analysis, so its lines are in no other finding or count.

    Example:
        app/providers.py           # 1,300 lines, the old single-module version
        app/providers/__init__.py  # the package that replaced it

    Instead:
        Delete the old file (`git rm app/providers.py`), after moving anything still needed
        into the package.
    """

    id = "RA002"
    name = "shadowed-module"
    category = "dead-code"
    severity = "MEDIUM"
    scope = "meta"  # produced by the pipeline itself
    base_effort = 0.5

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        return iter(())

    def shadowed(self, rel: str, data: bytes) -> Finding:
        """The finding for one shadowed file (its line count read from its bytes)."""
        package = rel[:-3] + "/"
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
        return self.finding(
            Location(rel, 1, 1), f"{rel} is never imported: the package {package} takes its name",
            f"`{rel}` ({lines:,} lines) cannot be imported: `{package}__init__.py` sits beside it, and the "
            f"import system finds a package before a module file of the same name, so every import of "
            f"this name loads the package. The file's code never runs; it was left out of this analysis.",
            impact="Changes made in this file have no effect in production, and readers take its code, "
                   "and its defects, for the service's.",
            recommendation=f"Delete `{rel}` after moving anything still needed into `{package}`.",
            related=[Location(package + "__init__.py", 1, 1)])
