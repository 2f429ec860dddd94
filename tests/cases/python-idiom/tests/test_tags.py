from app.services.tags import add_tag


def test_add_tag(values=[]):
    result = add_tag("BTC")
    if result == None:
        raise AssertionError
    for i in range(len(result)):
        assert result[i]
