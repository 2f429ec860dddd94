"""What reassess knows about libraries: factories, blocking calls, clients and their defaults."""
