from __future__ import annotations

from alerts.clients import ChatClient, Subscription, TrackerClient


class Router:
    def __init__(self, chat: ChatClient, tracker: TrackerClient) -> None:
        self._chat = chat
        self._tracker = tracker

    async def deliver(self, subscription: Subscription, title: str) -> None:
        if subscription.kind == "chat":
            await self._chat.post(subscription.url, title)
        elif subscription.kind == "tracker":
            await self._tracker.create_issue(subscription.project, title)


class Alerts:
    def __init__(self, router: Router, tracker: TrackerClient) -> None:
        self._router = router
        self._tracker = tracker

    async def fan_out(self, subscriptions: list[Subscription], title: str) -> None:
        # each subscription goes to the integration it names: a fan-out, not a lookup to batch
        for subscription in subscriptions:
            await self._router.deliver(subscription, title)

    async def file_all(self, subscriptions: list[Subscription], title: str) -> None:
        for subscription in subscriptions:
            await self._tracker.create_issue(subscription.project, title)  # expect: n-plus-one
