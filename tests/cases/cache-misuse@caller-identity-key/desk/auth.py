from dataclasses import dataclass


@dataclass
class Member:
    id: int
    org_id: int


async def current_member() -> Member:
    return Member(id=1, org_id=1)
