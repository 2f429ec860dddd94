import logging

from shipping.carriers import CarrierDown, LabelRejected, check_parcel
from shipping.store import LabelStore

log = logging.getLogger(__name__)


class LabelService:
    def __init__(self, carriers, store: LabelStore) -> None:
        self.carriers = carriers  # carrier code -> client, filled at startup
        self.store = store

    async def buy(self, label_id: int, carrier: str, parcel: dict) -> None:
        try:
            await self.carriers[carrier].buy_label(parcel)
        except CarrierDown:  # expect: logging-gap
            await self.store.mark(label_id, "carrier_failed")
            return
        await self.store.mark(label_id, "bought")

    async def buy_with(self, api, label_id: int, parcel: dict) -> None:
        try:
            tracking = await api.buy_label(parcel)
        except CarrierDown:  # expect: logging-gap
            await self.store.mark(label_id, "failed")
        else:
            await self.store.mark(label_id, tracking)

    async def buy_logged(self, label_id: int, carrier: str, parcel: dict) -> None:
        # look-alike: the failure is logged where it is recorded
        try:
            await self.carriers[carrier].buy_label(parcel)
        except CarrierDown as exc:
            log.warning("label %s: carrier %s failed: %s", label_id, carrier, exc)
            await self.store.mark(label_id, "carrier_failed")

    async def buy_checked(self, label_id: int, parcel: dict, prepare) -> None:
        # look-alike: the caught error is a local validation, no dependency failed
        try:
            check_parcel(parcel)
            await prepare(parcel)
        except LabelRejected:
            await self.store.mark(label_id, "rejected")
