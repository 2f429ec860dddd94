import ast
import logging
import unittest


class order_book:  # expect: naming
    def getBestBid(self) -> float:
        return 0.0

    def best_ask(self) -> float:
        return 0.0


class Book:
    def __init__(self) -> None:
        self._levels: dict[float, float] = {}

    def __len__(self) -> int:
        return len(self._levels)


class HTTPClient:
    def send_request(self) -> None:
        return None


def calcFees(notional: float) -> float:
    return notional * 0.001


class SymbolVisitor(ast.NodeVisitor):
    def visit_Name(self, node: ast.Name) -> None:
        self.generic_visit(node)


class JsonFormatter(logging.Formatter):
    def formatTime(self, record, datefmt=None):
        return "now"


class BookTest(unittest.TestCase):
    def setUp(self) -> None:
        self.book = Book()


class cached_value:
    def __init__(self, func):
        self.func = func

    def __get__(self, obj, owner):
        return self.func(obj)


class FakeExchange:
    def placeOrder(self) -> None:
        return None
