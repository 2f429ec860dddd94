LOWER_KG = 0.1


def parcel_class(weight: float, limits: dict) -> str:
    lower, upper = limits["lower"], limits["upper"]
    rejected = upper < weight and weight < lower  # expect: logic-error
    if rejected:
        return "reject"
    return "parcel"


def quiet(now_hour: int, quiet_start: int, quiet_end: int) -> bool:
    # look-alike: a window that wraps past midnight is tested this way on purpose
    return now_hour < quiet_start and now_hour > quiet_end
