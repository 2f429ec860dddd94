from decimal import Decimal


def test_conversions(request=None):
    assert int("5") == 5
    assert Decimal("1.5") == Decimal(str(1.5))
    eval("1 + 1")
