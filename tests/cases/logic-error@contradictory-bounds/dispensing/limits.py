import enum

MAX_UNITS = 120
MIN_UNITS = 1


class Phase(enum.Enum):
    OPEN = "open"
    SHIPPED = "shipped"
    VOID = "void"


def check_units(units: int) -> None:
    if units < MIN_UNITS and units > MAX_UNITS:  # expect: logic-error
        raise ValueError("units out of range")
    # look-alike: the same bounds joined with `or`
    if units < MIN_UNITS or units > MAX_UNITS:
        raise ValueError("units out of range")


def discount_ok(pct: float) -> bool:
    valid = not (pct > 100 and pct < 0)  # expect: logic-error
    # look-alike: an overlapping range
    return valid and pct >= 0 and pct <= 100


def still_open(phase: Phase) -> bool:
    return phase != Phase.SHIPPED or phase != Phase.VOID  # expect: logic-error


def pending(phase: Phase, other: Phase) -> bool:
    # look-alikes: `and` of exclusions, and two different subjects
    return (phase != Phase.SHIPPED and phase != Phase.VOID) or (phase != Phase.OPEN or other != Phase.VOID)
