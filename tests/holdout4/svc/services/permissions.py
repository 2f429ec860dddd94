from __future__ import annotations

from functools import lru_cache

from fastapi import Request

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "owner": frozenset({"channel.create", "channel.archive", "member.add", "flags.write", "audit.read"}),
    "admin": frozenset({"channel.create", "channel.archive", "member.add", "audit.read"}),
    "member": frozenset({"channel.create"}),
    "guest": frozenset(),
}


class PermissionPolicy:
    def __init__(self, workspace_id: int, custom_grants: dict[str, frozenset[str]]) -> None:
        self.workspace_id = workspace_id
        self._custom = custom_grants

    @lru_cache(maxsize=None)
    def allowed(self, role: str, action: str) -> bool:
        return action in ROLE_ACTIONS.get(role, frozenset()) or action in self._custom.get(role, frozenset())


def policy_for(request: Request) -> PermissionPolicy:
    grants = request.app.state.custom_grants if hasattr(request.app.state, "custom_grants") else {}
    workspace_id = int(request.headers.get("x-workspace-id", "0"))
    return PermissionPolicy(workspace_id, grants.get(workspace_id, {}))
