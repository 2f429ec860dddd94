"""Who is online in a workspace."""
from __future__ import annotations

from collections import defaultdict


class PresenceTracker:
    def __init__(self) -> None:
        self._online: dict[int, dict[int, int]] = defaultdict(dict)

    def connected(self, workspace_id: int, user_id: int) -> None:
        users = self._online[workspace_id]
        users[user_id] = users.get(user_id, 0) + 1

    def disconnected(self, workspace_id: int, user_id: int) -> None:
        users = self._online.get(workspace_id)
        if not users or user_id not in users:
            return
        users[user_id] -= 1
        if users[user_id] <= 0:
            del users[user_id]

    def online_users(self, workspace_id: int) -> list[int]:
        return sorted(self._online.get(workspace_id, {}))

    def is_online(self, workspace_id: int, user_id: int) -> bool:
        return user_id in self._online.get(workspace_id, {})


presence = PresenceTracker()
