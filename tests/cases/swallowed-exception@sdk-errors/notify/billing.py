"""A best-effort account read through a payment provider's SDK."""
import stripe


class Accounts:
    def __init__(self, client: stripe.StripeClient) -> None:
        self._client = client
        self._account = None

    async def current(self):
        if self._account is None:
            try:
                self._account = await self._client.accounts.retrieve_current_async()
            except stripe.StripeError:
                return None
        return self._account

    async def cancel(self, subscription_id: str) -> None:
        try:
            await self._client.subscriptions.cancel_async(subscription_id)
        except stripe.StripeError:  # expect: swallowed-exception
            pass
