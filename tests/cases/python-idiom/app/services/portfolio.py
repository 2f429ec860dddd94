"""Portfolio figures: the first file has each idiom once, and look-alikes that must stay silent."""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any

from sqlalchemy import select

from app.models import Order


def gross_quantity(orders: list[Any]) -> float:
    total = 0.0
    for i in range(len(orders)):  # expect: python-idiom
        total += orders[i].quantity
    return total


def rescale(weights: list[float], factor: float) -> None:
    for i in range(len(weights)):
        weights[i] = weights[i] * factor


def is_open(order: Any) -> bool:
    if order.filled_at == None:
        return True
    return False


def describe(payload: Any) -> str:
    if type(payload) == dict:
        return "mapping"
    return "other"


def has_symbol(prices: dict[str, float], symbol: str) -> bool:
    return True if symbol in prices.keys() else False


def configured(name: str) -> bool:
    return name in os.environ.keys()


# ----- look-alikes ------------------------------------------------------------------------------
def spreads(bids: list[float], asks: list[float]) -> list[float]:
    out = []
    for i in range(len(bids)):  # parallel sequences: zip, not this idiom
        out.append(asks[i] - bids[i])
    return out


def deltas(prices: list[float]) -> list[float]:
    out = []
    for i in range(len(prices)):  # the index itself is used
        if i > 0:
            out.append(prices[i] - prices[i - 1])
    return out


def drain(queue: list[int]) -> None:
    for i in range(len(queue)):  # the loop changes the length: deliberate
        queue.append(queue[i] * 2)


def open_orders_query() -> Any:
    return select(Order).where(Order.filled_at == None)  # an ORM's IS NULL: deliberate


def same_kind(a: Any, b: Any) -> bool:
    if type(a) == type(b):  # two objects' exact types: no isinstance form
        return True
    return type(a) is dict


def has_key(store: Any, key: str) -> bool:
    return key in store.keys()  # any object's keys(): may be a remote call returning a list


def cached(cache: OrderedDict, key: str) -> bool:
    return key in cache


def is_none(value: Any) -> bool:
    return value is None
