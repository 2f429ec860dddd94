"""An item whose `price` property shares its name with the imported `price` module."""
from shop import price


class Item:
    default_label = price.CURRENCY_LABEL  # expect: undefined-name

    def __init__(self, raw: str) -> None:
        self._price = price.parse(raw)

    @property
    def price(self) -> str:
        return price.render(self._price)

    @price.setter
    def price(self, value: str) -> None:
        self._price = price.parse(value)

    @price.deleter
    def price(self) -> None:
        self._price = 0.0
