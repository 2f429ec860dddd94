"""A storage client whose operations moved to versioned sub-clients, and callers of both ages."""
from __future__ import annotations


class Session:
    def request(self, method: str, path: str) -> dict:
        return {"method": method, "path": path}


class BucketsV1:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_bucket(self, name: str) -> dict:
        return self.session.request("GET", f"/v1/buckets/{name}")

    def create_bucket(self, name: str) -> dict:
        return self.session.request("POST", f"/v1/buckets/{name}")

    def delete_bucket(self, name: str) -> dict:
        return self.session.request("DELETE", f"/v1/buckets/{name}")


class ObjectsV2:
    def __init__(self, session: Session) -> None:
        self.session = session

    def put_object(self, key: str) -> dict:
        return self.session.request("PUT", f"/v2/objects/{key}")


class StorageClient:
    def __init__(self) -> None:
        self.session = Session()
        self.v1 = BucketsV1(self.session)
        self.v2 = ObjectsV2(self.session)

    def ping(self) -> dict:
        return self.session.request("GET", "/ping")


def client() -> StorageClient:
    return StorageClient()
