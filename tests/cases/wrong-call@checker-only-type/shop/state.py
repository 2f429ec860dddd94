"""Process-wide handles: the services behind a holder filled at start-up."""
from __future__ import annotations

import typing
from typing import Any

from shop.services import Mailer

if typing.TYPE_CHECKING:
    from shop.services import Services


class ServicesHolder:
    def __init__(self) -> None:
        object.__setattr__(self, "_inner", None)

    def install(self, inner: Services) -> None:
        object.__setattr__(self, "_inner", inner)

    def __getattr__(self, name: str) -> Any:
        inner = object.__getattribute__(self, "_inner")
        if inner is None:
            raise RuntimeError("services are not installed yet")
        return getattr(inner, name)


if typing.TYPE_CHECKING:
    services: Services
else:
    services = ServicesHolder()

mailer: Mailer = Mailer("smtp.local")


def start(inner: Services) -> None:
    services.install(inner)
