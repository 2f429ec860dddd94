"""Detects an answer prefix in a token stream, and matches fills to orders."""


class PrefixWatcher:
    def __init__(self, prefix_tokens: list[str]) -> None:
        self.prefix = [t.strip() for t in prefix_tokens]
        self.recent: list[str] = []

    def push(self, token: str) -> None:
        self.recent.append(token.strip())
        if len(self.recent) > len(self.prefix):
            self.recent.pop(0)

    def seen(self) -> bool:
        if self.recent == self.prefix:
            return True
        # some models emit the whole prefix as one token: look for every word inside one token
        return any(all(word in token for word in self.prefix) for token in self.recent)


def fills_for_orders(orders: list[dict], fills: list[dict]) -> dict[str, list[dict]]:
    matched = {}
    for order in orders:
        matched[order["id"]] = [f for f in fills if f["order_id"] == order["id"]]  # expect: inefficient-algorithm
    return matched
