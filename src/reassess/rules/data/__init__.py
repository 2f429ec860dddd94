"""Response time and data: N+1 queries, missing indexes, slow queries, algorithms and caches."""
