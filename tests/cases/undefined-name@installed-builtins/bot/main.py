"""Command line: sets up translations for the whole process, then starts the bot."""
import gettext

from bot.replies import greet


def run(language: str) -> None:
    gettext.translation("bot", "locale", (language,), fallback=True).install(names=["ngettext"])
    print(greet("friend", 2))
