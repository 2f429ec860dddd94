"""Refund callbacks from the payment provider, which retries until it gets a 2xx."""
import logging

log = logging.getLogger(__name__)
_applied: set[str] = set()  # expect: horizontal-scaling-blocker
_known_currencies: set[str] = set()
_warned_about: set[str] = set()


def _warn_once(reason: str) -> None:
    """Per process on purpose: one warning per reason is enough."""
    if reason in _warned_about:
        return
    _warned_about.add(reason)
    log.warning("refund callback quirk: %s", reason)


class RefundBook:
    def __init__(self, db) -> None:
        self._db = db

    def is_replay(self, refund_ref: str) -> bool:
        if refund_ref in _applied:
            return True
        _applied.add(refund_ref)
        return False

    def currency_known(self, code: str) -> bool:
        if code in _known_currencies:
            return True
        return False

    async def apply(self, refund_ref: str, amount: int) -> str:
        if amount <= 0:
            _warn_once("non-positive amount")
        if self.is_replay(refund_ref):
            return "duplicate"
        await self._db.credit(refund_ref, amount)
        return "applied"
