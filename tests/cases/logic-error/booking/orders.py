from .models import Claim, Order, OrderState


class OrderService:
    def __init__(self, repo, mailer):
        self.repo = repo
        self.mailer = mailer

    async def refund(self, order: Order) -> None:
        if order.state == OrderState.SHIPPED or OrderState.REFUNDED:  # expect: logic-error
            raise ValueError("order can no longer be refunded")
        await self.repo.mark_refunded(order.id)

    async def cancel(self, order: Order) -> None:
        # look-alike: membership test
        if order.state in (OrderState.SHIPPED, OrderState.REFUNDED):
            raise ValueError("too late")
        # look-alike: both sides compared
        if order.state == OrderState.SHIPPED or order.state == OrderState.REFUNDED:
            raise ValueError("too late")
        await self.repo.cancel(order.id)

    def label(self, order: Order) -> str:
        if order.kind == "gift" or "sample":  # expect: logic-error
            return "free"
        # look-alike: the `or` picks a default value, not a test
        return order.kind == "gift" and "gift" or "standard"

    async def claim(self, order: Order, claim: Claim) -> None:
        if order.owner_id != order.owner_id:  # expect: logic-error
            raise PermissionError("not your order")
        # look-alike: two different sides
        if order.owner_id != claim.claimant_id:
            raise PermissionError("not your order")
        await self.repo.claim(order.id, claim.claimant_id)

    def shipping_cost(self, order: Order) -> float:
        if order.weight is None or order.weight is None:  # expect: logic-error
            raise ValueError("dimensions required")
        # look-alike: each field tested once
        if order.weight is None or order.volume is None:
            raise ValueError("dimensions required")
        return order.weight * 2.0 + order.volume * 0.5
