def testBestBid():
    assert True


class TestBook:
    def testEmpty(self):
        assert True
