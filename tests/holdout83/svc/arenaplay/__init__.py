"""ArenaPlay game backend: accounts, matchmaking, live matches, leaderboards and store."""

__version__ = "2.7.1"
