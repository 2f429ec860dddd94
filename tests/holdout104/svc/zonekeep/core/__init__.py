"""Cross-cutting infrastructure: settings, database, redis, security, logging."""
