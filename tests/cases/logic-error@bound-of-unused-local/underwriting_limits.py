from decimal import Decimal

LIMITS = {"primary": {"max_ltv": Decimal("0.97"), "max_cltv": Decimal("1.05")}}


def ltv_findings(loan: Decimal, second_lien: Decimal, value: Decimal, occupancy: str) -> list[str]:
    limits = LIMITS[occupancy]
    found: list[str] = []
    ltv = loan / value
    cltv = (loan + second_lien) / value
    if ltv > limits["max_ltv"]:
        found.append("ltv")
    if ltv > limits["max_cltv"]:  # expect: logic-error
        found.append("cltv")
    return found


def checked_findings(loan: Decimal, second_lien: Decimal, value: Decimal, occupancy: str) -> list[str]:
    limits = LIMITS[occupancy]
    found: list[str] = []
    ltv = loan / value
    cltv = (loan + second_lien) / value
    if ltv > limits["max_ltv"]:
        found.append("ltv")
    if cltv > limits["max_cltv"]:
        found.append("cltv")
    return found


def ratio_ok(loan: Decimal, value: Decimal, policy) -> bool:
    ltv = loan / value
    dti = Decimal("0")
    return ltv <= policy.max_ltv


def wait_until_ready(poll, cfg) -> bool:
    waited = 0.0
    for attempt in range(cfg.attempts):
        waited += poll()
        if waited > cfg.attempt_timeout:
            return False
    return True


def throttled(n: int, cfg) -> bool:
    limit = 10
    return n > cfg.rate_limit
