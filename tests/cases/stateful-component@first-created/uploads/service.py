"""Chunked uploads: one request starts an upload, later ones add parts and finish it."""
import uuid


class UploadService:
    def __init__(self, quotas: dict[int, int]) -> None:
        self._quotas = quotas
        self._sessions: dict[str, dict[str, int]] = {}  # expect: stateful-component
        self._reserved: dict[int, int] = {}

    def start(self, user_id: int, size: int) -> str:
        if self._reserved.get(user_id, 0) + size > self._quotas.get(user_id, 0):
            raise PermissionError("quota exceeded")
        upload_id = uuid.uuid4().hex
        self._reserved[user_id] = self._reserved.get(user_id, 0) + size
        self._sessions[upload_id] = {"user_id": user_id, "size": size, "received": 0}
        self._quotas[user_id] = self._quotas.get(user_id, 0) - size
        return upload_id

    def add_part(self, upload_id: str, length: int) -> int:
        session = self._sessions[upload_id]
        session["received"] += length
        return session["received"]

    def finish(self, upload_id: str) -> dict[str, int]:
        session = self._sessions.pop(upload_id)
        self._reserved[session["user_id"]] -= session["size"]
        return session
