import logging

from rentals.models import LinkInfo, LinkStatus, Rental, RentalStatus

log = logging.getLogger(__name__)


class InsufficientFunds(Exception):
    pass


class RentalService:
    def __init__(self, wallets, session) -> None:
        self._wallets = wallets
        self._session = session

    async def finish(self, rental: Rental, amount: int) -> Rental:
        try:
            await self._wallets.charge(rental.id, amount)
            rental.status = RentalStatus.PAID
        except InsufficientFunds:
            rental.status = RentalStatus.PAYMENT_FAILED
        except Exception:  # expect: broad-except
            log.info("payment for rental %s deferred", rental.id)
            rental.status = RentalStatus.PAID
        await self._session.commit()
        return rental


async def check_link(client, name: str) -> LinkInfo:
    # look-alike: a probe that maps any failure to the status it returns
    info = LinkInfo(name)
    try:
        await client.ping(name)
        info.status = LinkStatus.UP
    except Exception:
        info.status = LinkStatus.DOWN
    return info
