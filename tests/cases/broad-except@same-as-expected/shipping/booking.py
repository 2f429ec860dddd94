import logging

import aiohttp

from shipping.errors import LabelRefused, ShipmentNotBooked

log = logging.getLogger(__name__)


class CarrierGateway:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def create_label(self, parcel_id: str, weight_g: int) -> dict:
        async with self._session.post("/labels", json={"parcel": parcel_id, "weight": weight_g}) as resp:
            if resp.status == 422:
                raise LabelRefused(await resp.text())
            resp.raise_for_status()
            return await resp.json()


async def book(gateway: CarrierGateway, parcel_id: str, weight_g: int) -> dict:
    try:
        label = await gateway.create_label(parcel_id, weight_g)
    except LabelRefused as exc:
        raise ShipmentNotBooked(f"carrier refused parcel {parcel_id}") from exc
    except Exception:  # expect: broad-except
        raise ShipmentNotBooked(f"carrier refused parcel {parcel_id}")
    return {"parcel": parcel_id, "tracking": label["tracking_no"]}


async def book_logged(gateway: CarrierGateway, parcel_id: str, weight_g: int) -> dict:
    """Look-alike: the catch-all keeps the traceback in the log before mapping the failure."""
    try:
        label = await gateway.create_label(parcel_id, weight_g)
    except LabelRefused as exc:
        raise ShipmentNotBooked(f"carrier refused parcel {parcel_id}") from exc
    except Exception:
        log.exception("booking parcel %s failed", parcel_id)
        raise ShipmentNotBooked(f"could not book parcel {parcel_id}")
    return {"parcel": parcel_id, "tracking": label["tracking_no"]}


async def book_ambiguous(gateway: CarrierGateway, parcel_id: str, weight_g: int) -> dict:
    """Look-alike: the new error carries the caught one's text, so the failures stay apart."""
    try:
        label = await gateway.create_label(parcel_id, weight_g)
    except LabelRefused as exc:
        raise ShipmentNotBooked(f"carrier refused parcel {parcel_id}") from exc
    except Exception as exc:
        raise ShipmentNotBooked(f"booking parcel {parcel_id} failed: {exc}")
    return {"parcel": parcel_id, "tracking": label["tracking_no"]}
