from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    org_id: uuid.UUID
    user_id: uuid.UUID | None
    role: str = "member"
    via_api_token: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role in ("admin", "owner")


SYSTEM = Principal(org_id=uuid.UUID(int=0), user_id=None, role="system")
