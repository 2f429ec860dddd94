"""Accounts: a factory class whose `__new__` builds the right kind, a settings descriptor,
and a call forwarder that stores its target through the base class's setter."""
from __future__ import annotations


class BaseAccount:
    def __init__(self, record: dict) -> None:
        self.record = record

    def unlock(self, secret: str) -> bool:
        return secret == self.record.get("secret")

    def persist(self) -> None:
        self.record["saved"] = True


class SharedAccount(BaseAccount):
    pass


class Account:
    """Not an account itself: calling it returns the kind the record names."""

    def __new__(cls, record: dict) -> BaseAccount:
        kind = SharedAccount if record.get("shared") else BaseAccount
        return kind(record)


class Registry:
    """A singleton: `__new__` hands back the one instance it keeps on the class."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def names(self) -> list[str]:
        return []


class Setting(property):
    """A class attribute that reads as the stored value, not as the Setting."""

    def __init__(self, key: str, default: str = "") -> None:
        super().__init__(lambda owner: owner.values.get(key, default))
        self.key = key


class Settings:
    TOKEN = Setting("token")

    def __init__(self) -> None:
        self.values: dict[str, str] = {}


class Checked:
    def __init__(self, fn) -> None:
        super().__setattr__("fn", fn)

    def __call__(self, *args):
        return self.fn(*args)

    def __setattr__(self, key, value):
        setattr(self.fn, key, value)


def open_account(record: dict, secret: str) -> BaseAccount:
    account = Account(record)
    account.unlock(secret)
    account.persist()
    return account


def registry_names() -> list[str]:
    registry = Registry()
    registry.names()
    return registry.lookup("x")  # expect: wrong-call


def token_parts(settings: Settings) -> list[str]:
    return settings.TOKEN.split(":")
