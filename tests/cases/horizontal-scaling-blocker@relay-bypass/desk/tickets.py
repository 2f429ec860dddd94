import json

from redis.asyncio import Redis

from desk.hub import hub


async def assign(redis: Redis, ticket_id: int, agent_id: int) -> None:
    await redis.hset(f"ticket:{ticket_id}", "agent", agent_id)
    await redis.publish("desk-events", json.dumps({"agent_id": agent_id, "type": "assigned", "ticket": ticket_id}))


async def escalate(redis: Redis, ticket_id: int, agent_id: int) -> None:
    await redis.hset(f"ticket:{ticket_id}", "escalated", 1)
    await hub.tell(agent_id, {"type": "escalated", "ticket": ticket_id})  # expect: horizontal-scaling-blocker
