from __future__ import annotations

import json  # expect: import-organization
import logging
import os.path
from abc import ABCMeta
from typing import TYPE_CHECKING, Optional

import app.models.registry
from app.models import order as order_module
from app.models.order import Order

try:
    import orjson
except ImportError:
    orjson = None

from decimal import (
    ROUND_DOWN,
    Decimal,
)
from datetime import datetime  # noqa: F401

if TYPE_CHECKING:
    from app.services.pricing import PriceFeed

log = logging.getLogger(__name__)


class Base(metaclass=ABCMeta):
    pass


def place_order(symbol: str, feed: "PriceFeed") -> Order:
    log.info("placing %s in %s", symbol, os.path.basename(__file__))
    return Order(id=1, symbol=symbol)
