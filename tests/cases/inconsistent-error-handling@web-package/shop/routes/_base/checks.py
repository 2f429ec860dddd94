"""Permission checks shared by the route controllers."""
from fastapi import HTTPException, status


class Permissions:
    forbidden = HTTPException(status.HTTP_403_FORBIDDEN, "not allowed")

    def __init__(self, user: dict) -> None:
        self.user = user

    def can_manage(self) -> bool:
        if not self.user.get("admin"):
            raise self.forbidden
        return True

    def can_invite(self) -> bool:
        if not self.user.get("can_invite"):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "cannot invite")
        return True
