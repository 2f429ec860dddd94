import requests


def test_webhook_reachable():
    assert requests.get("http://localhost:8080/health").ok
