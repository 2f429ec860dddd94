"""RA231 cache-misuse: a cache key that leaves out an input of the value cached under it."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._common import served_path


@register
class CacheKeyMissingInput(Rule):
    """A cache-aside key built without a parameter the cached value depends on.

    What it finds:
        A function that reads a cache by a key it builds (`key = f"avail:{sku_id}"`, or a key
        helper's arguments) and, on a miss, computes the value and writes it back under that
        key, where a scalar parameter (`warehouse_id: int`, `season_id: int`, or a collection of
        them, `meter_ids: list[int]`) is handed to the
        calls that compute the value, or decides a branch that rebuilds it (`if units ==
        "imperial": result = to_imperial(result)`), or is checked against the loaded data after
        a hit was already served (`if token != show.feed_token: raise Forbidden`: a hit skips the
        check), but appears nowhere in the key (nor in the locals the key is built from).
        Parameters used only in log lines or error messages, and sessions, clients or callbacks,
        do not count. A fixed key (`get("dashboard:field-status")`) leaves out every such parameter.

    Why it matters:
        Two calls that differ only in the left-out parameter share one cache entry: whichever
        runs first fills it, and the other is served that value until it expires (another
        warehouse's stock, last season's summary, another tenant's data). Nothing fails, so
        the wrong answers go unnoticed.

    Example:
        key = f"team-summary:{team_id}"
        if (hit := await cache.get(key)) is not None:
            return hit
        summary = await repo.summary(team_id, season_id)
        await cache.set(key, summary)

    Instead:
        Put every input of the value in the key:

            key = f"team-summary:{team_id}:{season_id}"
    """

    id = "RA231"
    name = "cache-key-missing-input"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not served_path(ctx.path):
            return
        for func in ctx.facts.functions.values():
            for key in func.extra.get("cache_keys", ()):
                missing = ", ".join(f"`{name}`" for name in key["missing"])
                plural = len(key["missing"]) > 1
                yield self.finding(
                    ctx.line_loc(key["line"], key["end"]),
                    f"Cache key in `{func.qualname}` leaves out {missing}",
                    f"`{func.qualname}` caches its result under `{key['key']}`, but the value also depends on "
                    f"{missing}, which {'are' if plural else 'is'} passed to the calls that compute it (or "
                    f"checked against it before it is served) and {'are' if plural else 'is'} not part of the "
                    f"key: calls that differ only in "
                    f"{'them' if plural else 'it'} share one entry, and all but the first get another call's value "
                    f"until it expires.",
                    related=[ctx.line_loc(key["read"], note="the cache read by this key")],
                    recommendation=f"Add {missing} to the key, e.g.:\n\n    {_with_missing(key)}",
                )


def _with_missing(key: dict) -> str:
    text, extra = key["key"], ":".join(f"{{{name}}}" for name in key["missing"])
    if text[:2] in ("f'", 'f"') and text[-1] == text[1]:
        return f"{text[:-1]}:{extra}{text[-1]}"
    return f"{text}  # plus {', '.join(key['missing'])}"
