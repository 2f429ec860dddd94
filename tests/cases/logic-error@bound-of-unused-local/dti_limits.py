"""Debt-to-income limits read from a policy mapping or held in module constants."""
MAX_FRONT_DTI = 0.28
MAX_BACK_DTI = 0.43


def ratio_flags(housing: float, debts: float, income: float, policy: dict) -> list[str]:
    flags = []
    front = housing / income
    back = (housing + debts) / income
    if front > policy.get("frontLimit", 0.28):
        flags.append("front")
    if front > policy.get("backLimit", 0.43):  # expect: logic-error
        flags.append("back")
    return flags


def constant_flags(housing: float, debts: float, income: float) -> list[str]:
    flags = []
    front = housing / income
    back = (housing + debts) / income
    if front > MAX_FRONT_DTI:
        flags.append("front")
    if MAX_BACK_DTI < front:  # expect: logic-error
        flags.append("back")
    return flags


def constant_flags_ok(housing: float, debts: float, income: float) -> list[str]:
    flags = []
    front = housing / income
    back = (housing + debts) / income
    if front > MAX_FRONT_DTI:
        flags.append("front")
    if back > MAX_BACK_DTI:
        flags.append("back")
    return flags


def plain_other_local(rows: list, total_count: int) -> bool:
    count = 0
    seen = len(rows)
    return seen > total_count
