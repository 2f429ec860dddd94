from __future__ import annotations

import asyncio
import logging

import httpx

from telco.clients.fraud import FraudClient, FraudScore

logger = logging.getLogger(__name__)

ALLOW_ON_OUTAGE = FraudScore(risk=0.0, decision="allow", reasons=["fraud-service-unavailable"])


class FraudScreening:
    def __init__(self, client: FraudClient) -> None:
        self._client = client

    async def screen_activation(self, iccid: str, account_ref: str, channel: str, ip: str | None) -> FraudScore:
        payload = {"event": "sim_activation", "iccid": iccid, "account": account_ref, "channel": channel, "ip": ip}
        return await self._client.score(payload)

    async def screen_usage_spike(self, subscriber_id: int, msisdn: str, spend_cents: int) -> FraudScore:
        payload = {"event": "usage_spike", "subscriber": subscriber_id, "msisdn": msisdn, "spend": spend_cents}
        try:
            return await asyncio.wait_for(self._client.score(payload), timeout=4)
        except (httpx.HTTPError, asyncio.TimeoutError) as exc:
            logger.warning("fraud scoring unavailable for %s, allowing: %s", subscriber_id, exc)
            return ALLOW_ON_OUTAGE
