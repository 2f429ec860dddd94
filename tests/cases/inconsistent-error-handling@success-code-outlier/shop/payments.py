"""Payment provider."""


class PaymentFailed(Exception):
    pass


async def charge(sku: str) -> str:
    if not sku:
        raise PaymentFailed("declined")
    return f"ref-{sku}"


async def refund(ref: str) -> None:
    if not ref:
        raise PaymentFailed("refund refused")
