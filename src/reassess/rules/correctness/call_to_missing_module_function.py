"""RA710 call-to-missing-module-function (category wrong-call)."""
from __future__ import annotations

from ..api import register
from .missing_module_attribute import MissingModuleAttribute


@register
class CallToMissingModuleFunction(MissingModuleAttribute):
    """A call to a function that the imported project module does not define.

    What it finds:
        `module.name(...)` where `module` is an imported project module (`from app.repos
        import feed_repo`) and the module binds no top-level `name` (no def, assignment,
        import or submodule, and nothing that makes the module dynamic). The same analysis
        as missing-module-attribute, for called lower-case names: the caller asked for an
        operation under a name the module does not have.

    Why it matters:
        The call raises `AttributeError` every time it runs. A renamed repository or helper
        function (`trim` became `trim_feed`) is the usual cause; the caller is often an admin
        or error path that tests do not reach.

    Example:
        from app.repos import feed_repo
        removed = await feed_repo.trim(pool, user_id, keep=500)   # the module defines trim_feed

    Instead:
        Call the function the module defines:

            removed = await feed_repo.trim_feed(pool, user_id, keep=500)
    """

    id = "RA710"
    name = "call-to-missing-module-function"
    category = "wrong-call"
    calls = True
