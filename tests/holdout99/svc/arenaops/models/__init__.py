from arenaops.models.org import Organizer, Player, Team, TeamMember
from arenaops.models.tournament import Bracket, Match, Registration, Tournament
from arenaops.models.dispute import Dispute, Evidence
from arenaops.models.payout import Payout, TaxForm
from arenaops.models.anticheat import AntiCheatReport

__all__ = [
    "Organizer", "Player", "Team", "TeamMember",
    "Bracket", "Match", "Registration", "Tournament",
    "Dispute", "Evidence", "Payout", "TaxForm", "AntiCheatReport",
]
