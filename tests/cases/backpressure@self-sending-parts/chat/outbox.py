"""Sends a reply with its attachments to the one session that asked, and announces to the room."""


class Attachment:
    def __init__(self, session, name: str):
        self.session = session
        self.name = name

    async def send(self, for_id: str) -> None:
        await self.session.emit("attachment", {"name": self.name, "for": for_id})


class Reply:
    def __init__(self, session, text: str, attachments: list[Attachment]):
        self.session = session
        self.text = text
        self.attachments = attachments

    async def send(self, reply_id: str) -> None:
        await self.session.emit("reply", {"id": reply_id, "text": self.text})
        for attachment in self.attachments:
            await attachment.send(for_id=reply_id)


class Room:
    def __init__(self):
        self.members = []

    async def announce(self, notice: dict) -> None:
        for member in self.members:
            await member.send_json(notice)  # expect: backpressure
