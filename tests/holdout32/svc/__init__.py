"""Game backend: profiles, matchmaking, lobbies, store, leaderboards, reports, seasons."""

__version__ = "2.14.0"
