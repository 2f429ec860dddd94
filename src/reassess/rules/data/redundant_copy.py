"""RA222 unnecessary-copy: a copy of a value that is already a fresh list."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class RedundantCopy(SmellRule):
    """`list(sorted(x))`, `list(list(x))`, `sorted(list(x))`, `list([... for ...])`.

    What it finds:
        A `list()`/`sorted()` call around a value that is already a new list: the result of
        `sorted()`, `list()` or a list comprehension. Also a `list()`/`sorted()`/`tuple()`
        around `copy.copy(x)`/`x.copy()` (the outer call copies anyway), or around
        `copy.deepcopy(x)` when `x` is a local list this function just built from new items
        (`[dict(r) for r in rows]`, or items a function of the same file builds): nobody else
        holds those items, so there is nothing to protect; a list started empty and grown only with
        items built on the spot (`entries.append({"kind": ..., "at": ...})`) is such a list too, and so
        is what a function of the same file returns when each of its returns is such a comprehension
        (`rows = await self._fetch(...)` with `return [dict(r._mapping) for r in result]`) or such a
        list (`out = []`, `out.append(Candidate(...))`, `return out`; an instance of a class made on
        the spot is a new item too).
        A deep copy of an attribute is not reported (nor, beyond the case below, of a
        parameter). And a copy of a
        whole container made only to read one entry or its size and then dropped
        (`copy.deepcopy(self._latest).get(key)`, `rows.copy()[0]`, `len(copy.copy(items))`);
        a copy that is kept, returned or iterated is not. And `copy.deepcopy(rows)` of such a
        freshly built local that the function never reads again, or of such a list built in the
        call itself (`copy.deepcopy([dict(r) for r in rows])`): the copy protects nothing. And a
        deep copy of what an awaited call just returned (`copy.deepcopy(await client.fetch())`,
        or of a local bound to it, or to a comprehension over it, and used nowhere else) that is
        then only read: iterated,
        measured, compared, its items' fields read or logged; never changed, stored, returned
        or passed on (in an HTTP route handler it may be returned, filtered or sorted first: the
        framework only serialises the response). Results read from something named like a cache are left alone.
        The same holds for a deep copy of a parameter (`payload = copy.deepcopy(body)`) when the
        parameter is not used again and the copy is only read. And a deep copy of a whole collection
        (`snapshot = copy.deepcopy(self._days)`) whose only use is a comprehension or loop that keeps
        some of its items (`[d for d in snapshot if d.day >= since]`): filter first, copy the kept
        items. Not reported when every item is used, or the copy is used any other way (sorted or
        changed in place, returned whole, passed on). And a deep copy of a parameter (or of
        `list(param)`) the function never uses again whose copy is changed only at its top level
        (`envelope["ts"] = now`, `envelope.setdefault(...)`, `history.sort(...)`) and otherwise only
        read (`json.dumps(envelope)`, a loop reading each item): a shallow copy protects the
        caller's value as well. And `return copy.deepcopy(rows)` in an HTTP route handler, of what
        an awaited call just returned and read nowhere else. And, in a coroutine, a deep copy placed in a dict or
        list literal (`frame = {"type": "positions", "items": copy.deepcopy(self._items)}`) or
        handed to an encoder (`json.dumps(...)`, `orjson.dumps(...)`) whose every use is being
        encoded, even across awaits: encoding the original at the copy gives the same text, once.

    Why it matters:
        The inner call already built a fresh list; the outer one copies every element again.

    Example:
        names = list(sorted(users, key=lambda u: u.name))

    Instead:
        names = sorted(users, key=lambda u: u.name)
    """

    id = "RA222"
    name = "redundant-copy"
    category = "unnecessary-copy"
    severity = "LOW"
    base_effort = 0.25
    kinds = ("double-copy", "copy-then-read", "copy-of-fresh", "copy-only-read", "copy-then-filter", "deep-for-shallow",
             "copy-then-serialise")

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        other = {"copy-then-read": self._copy_then_read, "copy-of-fresh": self._copy_of_fresh,
                 "copy-only-read": self._copy_only_read, "copy-then-filter": self._copy_then_filter,
                 "deep-for-shallow": self._deep_for_shallow,
                 "copy-then-serialise": self._copy_then_serialise}.get(smell.kind)
        if other is not None:
            return other(ctx, smell)
        outer, inner = smell.data["outer"], smell.data["inner"]
        if "copied" in smell.data:
            return self._copy_then_copy(ctx, smell, outer, inner, smell.data["copied"])
        inner_text = f"`{inner}(...)`" if inner != "a list comprehension" else inner
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{outer}(...)` copies the new list from {inner_text}",
            f"{self.where(smell)} wraps {inner_text}, which already returns a new list, in `{outer}(...)`: every "
            f"element is copied a second time.",
            recommendation=("Drop the outer call" + (" (or sort the comprehension's result in place with `.sort()`)"
                                                     if outer == "sorted" else "") + "."),
        )

    def _copy_then_read(self, ctx: FileContext, smell: Smell) -> Finding:
        inner, copied, read, key = smell.data["inner"], smell.data["copied"], smell.data["read"], smell.data["key"]
        kept = smell.data.get("copy", "")
        if read == "len(...)" and kept:  # a local kept only to be measured later: take the size at the copy
            instead, what = f"{kept}_count = len({copied})  # then len({kept}) -> {kept}_count", "its size"
        elif read == "len(...)":
            instead, what = f"len({copied})", "its size"
        elif smell.data["deep"]:
            instead = (f"copy.deepcopy({copied}.get({key}))" if read == ".get(...)"
                       else f"copy.deepcopy({copied}[{key}])")
            what = "one entry"
        else:
            instead, what = (f"{copied}.get({key})" if read == ".get(...)" else f"{copied}[{key}]"), "one entry"
        depth = "every entry (and everything inside each)" if smell.data["deep"] else "every entry"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{inner}({copied})` copies the whole container to read {what}",
            f"{self.where(smell)} copies {depth} of `{copied}` with `{inner}` and then reads only {what} of the copy "
            f"with `{read}` before dropping it: the work grows with the size of `{copied}` on every call, for a "
            f"result that needs none of it.",
            recommendation=(f"Read from `{copied}` directly"
                            + (" and copy only the entry, if the caller must not share it" if smell.data["deep"]
                               and what == "one entry" else "") + f":\n\n    {instead}"),
        )

    def _copy_of_fresh(self, ctx: FileContext, smell: Smell) -> Finding:
        copied = smell.data["copied"]
        if smell.data.get("inline"):
            return self.finding(
                ctx.line_loc(smell.line, smell.end_line),
                "`copy.deepcopy(...)` copies a list built for it",
                f"{self.where(smell)} deep-copies `{copied}`, a list of new items built in the same expression: "
                f"nothing else holds the list or its items, so the copy protects nothing and duplicates every item "
                f"(and everything inside it) on every call.",
                recommendation=f"Drop the copy:\n\n    {copied}  # not copy.deepcopy(...)",
            )
        maker = smell.data.get("maker")
        built = (f"binds `{copied}` to the new items `{maker.rsplit('.', 1)[-1]}()` builds on every call (each return "
                 f"of it is a comprehension of fresh containers)" if maker else f"builds `{copied}` from new items")
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`copy.deepcopy({copied})` copies a list nobody else holds",
            f"{self.where(smell)} {built} and deep-copies it, then never reads `{copied}` "
            f"again: no other code holds the list or its items, so the copy protects nothing and duplicates every "
            f"item (and everything inside it) on every call.",
            recommendation=f"Drop the copy and use the list itself:\n\n    {copied}  # not copy.deepcopy({copied})",
        )

    def _copy_then_filter(self, ctx: FileContext, smell: Smell) -> Finding:
        copy, copied, instead = smell.data["copy"], smell.data["copied"], smell.data["instead"]
        line = smell.data["filter_line"]
        example = instead or f"[copy.deepcopy(item) for item in {copied} if ...]"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`copy.deepcopy({copied})` copies every item to keep only some",
            f"{self.where(smell)} deep-copies all of `{copied}` into `{copy}` and then only keeps the items that "
            f"pass the filter at line {line}: every item the filter drops (and everything inside it) was copied "
            f"for nothing, on every call, and the work grows with `{copied}` rather than with the result.",
            related=[ctx.line_loc(line, smell.data["filter_end"], f"the filter over `{copy}`")],
            recommendation=f"Filter `{copied}` first and copy only the items kept:\n\n    {example}",
        )

    def _deep_for_shallow(self, ctx: FileContext, smell: Smell) -> Finding:
        copy, copied = smell.data["copy"], smell.data["copied"]
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{copy}` deep-copies parameter `{copied}` where a shallow copy would do",
            f"{self.where(smell)} deep-copies its parameter `{copied}` into `{copy}` and then changes only the top "
            f"level of `{copy}` (sets or adds keys) and reads it: no nested value is ever changed, so a shallow copy "
            f"protects the caller's `{copied}` just as well, without rebuilding every nested object on each call.",
            recommendation=f"Copy only the top level:\n\n    {copy} = dict({copied})  # or {{**{copied}, ...}}",
        )

    def _copy_then_serialise(self, ctx: FileContext, smell: Smell) -> Finding:
        copied, held = smell.data["copied"], smell.data["held"]
        what = f"into `{held}`, which is only ever encoded" if held else "only to encode it"
        fix = f"`{held}` holding `{copied}` itself" if held else f"`{copied}` itself"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`copy.deepcopy({copied})` is only serialised",
            f"{self.where(smell)} deep-copies `{copied}` {what} (`json.dumps`-like): the encoder already turns the "
            f"value into independent text, so rebuilding every nested object first only costs time and memory "
            f"proportional to `{copied}` on every call. Encoding the original where the copy is taken gives the same "
            f"text, snapshot included.",
            recommendation=f"Encode once where the copy is taken, from {fix} (no `copy.deepcopy`), and send or "
                           f"store that text.",
        )

    def _copy_only_read(self, ctx: FileContext, smell: Smell) -> Finding:
        copy, copied = smell.data["copy"], smell.data["copied"]
        if smell.data.get("param"):
            title, what, use = (f"`{copy}` is a deep copy of parameter `{copied}` that is only read",
                                f"deep-copies its parameter `{copied}` into `{copy}`, never uses `{copied}` again, "
                                f"and then only reads `{copy}` and its items (indexes, iterates, compares, logs them)",
                                "Read the parameter directly")
            cost = "proportional to the payload on every call"
        else:
            title, what, use = (f"`{copy}` is a deep copy of a fresh result that is only read",
                                f"deep-copies `{copied}`, the result the awaited call just returned for this call "
                                f"alone, into `{copy}`, and then only reads `{copy}` and its items (iterates them, "
                                f"reads their fields, logs them)", "Use the result directly")
            cost = "proportional to the result"
        extra = None
        if smell.data.get("returned"):  # held only when the function turns out to be a route handler
            lines = ", ".join(str(line) for line in smell.data["returned"][:3])
            title = f"`{copy}` is a deep copy of a fresh result that is only read and returned"
            what = (f"deep-copies `{copied}`, the result the awaited call just returned for this request, into "
                    f"`{copy}`, only reads it (filters, sorts, reads fields) and returns it or its items (line "
                    f"{lines}) as the response, which the framework serialises without changing it")
            if not copy:  # `return copy.deepcopy(rows)`
                title = f"`copy.deepcopy({copied})` of a fresh result is only returned"
                what = (f"returns a deep copy of `{copied}`, the result the awaited call just returned for this "
                        f"request and read nowhere else, as the response, which the framework serialises without "
                        f"changing it")
            extra = {"unless": [{"check": "not-http-handler", "function": smell.function}]}
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line), title,
            f"{self.where(smell)} {what}: nothing changes the copy or hands it on, so duplicating every nested "
            f"object protects nothing and costs time and memory {cost}.",
            recommendation=f"{use}:\n\n    " + (f"{copy} = {copied}" if copy else f"return {copied}")
            + f"  # not copy.deepcopy({copied})", extra=extra,
        )

    def _copy_then_copy(self, ctx: FileContext, smell: Smell, outer: str, inner: str, copied: str) -> Finding:
        if smell.data["deep"]:
            why = (f"`{copied}` is a list this function just built from new items, so nothing else holds them: the "
                   f"deep copy duplicates every item (and everything inside it) only for `{outer}()` to build "
                   f"another new list")
        else:
            why = f"`{outer}()` already builds a new list, so the shallow copy of `{copied}` is thrown away at once"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{outer}(...)` over `{inner}({copied})` copies twice",
            f"{self.where(smell)}: {why}.",
            recommendation=f"Pass `{copied}` directly:\n\n    {outer}({copied}, ...)",
        )
