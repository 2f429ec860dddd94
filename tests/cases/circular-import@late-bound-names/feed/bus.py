from feed import codec, index  # expect: circular-import


class Bus:
    def __init__(self) -> None:
        self._items: list = []

    def publish(self, item) -> bytes:
        self._items.append(item)
        index.remember(item)
        return codec.encode(item)
