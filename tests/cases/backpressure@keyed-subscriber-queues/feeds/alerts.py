"""Alert fan-out, keyed by operator, filled from a callback."""
import asyncio


class AlertBoard:
    def __init__(self) -> None:
        self.by_operator = {}

    async def register(self, operator_id: int) -> asyncio.Queue:
        mailbox = asyncio.Queue()  # expect: backpressure
        self.by_operator[operator_id] = mailbox
        return mailbox

    def on_alert(self, alert: dict) -> None:
        for _operator, mailbox in self.by_operator.items():
            mailbox.put_nowait(alert)
