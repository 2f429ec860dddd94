from __future__ import annotations

import redis.asyncio as aioredis

from dispensary.settings import Settings

PATIENT_PROFILE_KEY = "patient:profile:{patient_id}"
MONOGRAPH_KEY = "drugdb:monograph:v3:{drug_code}"
INTERACTIONS_KEY = "drugdb:interactions:v3:{pair}"
QUEUE_CHANNEL = "queue:branch:{branch_id}"
CHAT_CHANNEL = "chat:room:{room}"
CONTROLLED_DAILY_KEY = "controlled:daily:{patient_id}:{day}"
SMS_RATE_KEY = "sms:rate:{phone}:{window}"


def build_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=50,
    )
