import pytest

from app.services import pricing


def test_quote_is_a_coroutine_function():
    import inspect

    assert inspect.iscoroutinefunction(pricing.quote)


def test_unknown_symbol_raises():
    with pytest.raises(KeyError):
        {}["x"]
