"""Redis reads that hand work to one consumer: they wait for the next item and take it.

Shared by the rules that ask whether a loop is paced (a blocking pop waits for new work), whether
work is claimed by one process (a pop or a consumer-group read gives each item to one reader) and
whether a job coordinates its replicas."""
from __future__ import annotations

# list and sorted-set pops that block until an item arrives, and take it
BLOCKING_POPS = frozenset({"blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax"})
# stream reads that block when given `block=`
BLOCKING_STREAM_READS = frozenset({"xread", "xreadgroup"})
# consumer-group reads and claims: each entry goes to one consumer of the group
GROUP_READS = frozenset({"xreadgroup", "xautoclaim", "xclaim"})
# list, set and sorted-set pops (blocking or not): the server removes the item as it hands it over,
# so each item goes to one reader (LRANGE then LTRIM reads first and removes later: no such take)
ATOMIC_TAKES = BLOCKING_POPS | frozenset({"lpop", "rpop", "lmove", "rpoplpush", "lmpop", "blmpop", "zpopmin",
                                          "zpopmax", "zmpop", "bzmpop", "spop"})

# a list read, then its items removed in a second command (LRANGE, then LTRIM or DEL): a take in two
# steps, so every reader between the two gets the same items
SPLIT_TAKE_READS = frozenset({"lrange"})
SPLIT_TAKE_REMOVES = frozenset({"ltrim", "delete", "unlink", "lrem"})

# calls that tell a broker a message is done with (Redis stream XACK, AMQP/Kafka-style acks, SQS delete):
# after one the message is gone, never redelivered
ACKNOWLEDGES = frozenset({"xack", "ack", "basic_ack", "acknowledge", "delete_message"})

# in-process queue methods that hand an item over (asyncio.Queue, queue.Queue)
QUEUE_PUTS = ("put", "put_nowait")

# iterators of a subscription or a socket that deliver messages as they arrive, for as long as the
# stream lives (`async for m in pubsub.listen():`, `async for t in websocket.iter_text():`): the loop
# handles each message when it comes, so its turns are events over time, not items of a batch
MESSAGE_STREAM_ITERATORS = frozenset({"listen", "subscribe", "psubscribe", "iter_messages", "iter_text",
                                      "iter_json", "iter_bytes"})
