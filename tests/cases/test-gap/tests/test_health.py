from fastapi.testclient import TestClient

from app.health_app import probe


def test_healthz():
    with TestClient(probe) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
