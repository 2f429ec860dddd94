from dataclasses import dataclass


@dataclass
class PayBand:
    pay_min: int
    pay_max: int


class BandError(ValueError):
    pass


def check_offer(band: PayBand, amount: int) -> None:
    if band.pay_min and amount < band.pay_min and amount > band.pay_max:  # expect: logic-error
        raise BandError(f"{amount} outside the band")


def within(band: PayBand, amount: int) -> bool:
    # look-alike: inside both ends is a real range test
    return amount >= band.pay_min and amount <= band.pay_max


def outside(band: PayBand, amount: int) -> bool:
    # look-alike: outside either end, joined with `or`
    return amount < band.pay_min or amount > band.pay_max
