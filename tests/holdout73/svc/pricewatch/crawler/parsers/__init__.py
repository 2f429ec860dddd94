"""Retailer page parsers; importing a parser module registers it."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal


@dataclass(slots=True)
class ParsedPage:
    price: Decimal | None
    currency: str
    title: str | None = None
    image_url: str | None = None
    in_stock: bool = True


class Parser(ABC):
    name: str = "base"

    @abstractmethod
    async def parse(self, html: str, url: str) -> ParsedPage: ...


_PARSERS: dict[str, type[Parser]] = {}


def register(name: str):
    def deco(cls: type[Parser]) -> type[Parser]:
        cls.name = name
        _PARSERS[name] = cls
        return cls

    return deco


def get_parser(name: str) -> Parser:
    try:
        return _PARSERS[name]()
    except KeyError:
        return _PARSERS["generic"]()
