import logging

from alerts.sms import SmsError, SmsGateway

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, sms: SmsGateway) -> None:
        self.sms = sms

    async def pickup_ready(self, phone: str, order_id: int) -> None:
        try:
            await self.sms.send(phone, f"Order {order_id} is ready")
        except SmsError:  # expect: swallowed-exception
            pass

    async def reminder(self, phone: str) -> None:
        try:
            await self.sms.send(phone, "Your table is waiting")
        # look-alike: the author documents why the failure does not matter here
        except SmsError:
            pass

    async def receipt(self, phone: str, order_id: int) -> None:
        try:
            await self.sms.send(phone, f"Receipt for {order_id}")
        except SmsError as exc:
            # look-alike: logged
            log.warning("receipt SMS failed: %s", exc)

    def format(self, order_id: int) -> str:
        try:
            return f"#{int(order_id):06d}"
        except ValueError:
            pass
        return "#?"
