"""Texts sent through a hosted provider's SDK."""
import logging

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

log = logging.getLogger(__name__)


class Texts:
    def __init__(self, client: Client, sender: str) -> None:
        self._client = client
        self._sender = sender

    def pickup_ready(self, phone: str, label: str) -> None:
        try:
            self._client.messages.create(to=phone, from_=self._sender, body=f"{label} is ready")
        except TwilioRestException:  # expect: swallowed-exception
            pass

    def reminder(self, phone: str, label: str) -> bool:
        try:
            self._client.messages.create(to=phone, from_=self._sender, body=f"{label} is due")
        except TwilioRestException as exc:
            log.warning("reminder to %s failed: %s", phone[-4:], exc.msg)
            return False
        return True
