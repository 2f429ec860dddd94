"""TableBook: reservations and table management for restaurant groups."""
