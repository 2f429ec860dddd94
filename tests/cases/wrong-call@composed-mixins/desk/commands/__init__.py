from .balance import BalanceCommand
from .history import HistoryCommand

COMMANDS = (BalanceCommand, HistoryCommand)
