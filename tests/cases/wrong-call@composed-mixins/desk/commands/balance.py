"""The `balance` command: mixed into the console application with the other commands."""
from __future__ import annotations


class BalanceCommand:
    def balance(self, asset: str) -> None:
        total = self.wallet_total(asset)
        self.notify(f"{asset}: {total}")  # the application composing the commands defines notify
