from billing.sessions import post_charge, read_balance


async def settle(account: str, cents: int) -> int:
    # look-alikes: the decorator supplies the client, callers pass the rest
    await post_charge(account, cents, memo="invoice")
    await post_charge(account=account, cents=cents)
    return await read_balance(account)


async def refund(account: str, cents: int) -> None:
    await post_charge(account, -cents, note="refund")  # expect: wrong-call


async def audit(account: str) -> int:
    return await read_balance(account, "EUR")  # expect: wrong-call
