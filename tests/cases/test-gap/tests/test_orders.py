import pytest

from app.routes.orders import list_orders


@pytest.mark.asyncio
async def test_list_orders_is_empty():
    assert await list_orders() == []


@pytest.mark.parametrize("symbol", ["AAPL", "MSFT"])
def test_symbols_are_upper(symbol):
    assert symbol.isupper()
