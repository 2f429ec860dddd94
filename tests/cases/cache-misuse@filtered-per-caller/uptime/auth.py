from dataclasses import dataclass, field
from uuid import UUID


@dataclass
class Principal:
    org_id: UUID
    user_id: UUID
    role: str
    team_ids: list[UUID] = field(default_factory=list)

    @property
    def is_admin(self) -> bool:
        return self.role in {"owner", "admin"}
