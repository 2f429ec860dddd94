"""A settings registry; the module binds an instance under its own name."""


class Registry:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def text(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)


registry = Registry()
