from app.services.pricing import spread


def test_spread(tmp_path):
    assert spread(1, 2) == 1
