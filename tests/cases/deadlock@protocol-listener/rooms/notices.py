"""Leave notices: held back while the member is still present somewhere."""
from .presence import Presence


class Notices:
    def __init__(self, presence: Presence) -> None:
        self.presence = presence
        self.sent: list[int] = []
        presence.add_listener(self)

    async def on_leave(self, member_id: int) -> None:
        if not await self.presence.is_present(member_id):
            self.sent.append(member_id)
