"""Replies, translated through the `_` and `ngettext` that `main` installs into builtins."""


def greet(name: str, count: int) -> str:
    hello = _("Hello {name}").format(name=name)
    return hello + ngettext("one message", "{n} messages", count).format(n=count)


def skip_header(rows: list[list[str]]) -> list[str]:
    for _ in range(1):
        rows = rows[1:]
    return [row[0] for row in rows]


def farewell(name: str) -> str:
    return _("Goodbye {name}").format(name=name)


def season(month: int) -> str:
    return pgettext("weather", "winter") if month < 3 else "spring"  # expect: undefined-name
