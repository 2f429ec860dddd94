from judgehall.models.contest import (
    Clarification,
    ClarificationStatus,
    Contest,
    ContestRegistration,
    ContestStatus,
)
from judgehall.models.problem import Problem, TestCase
from judgehall.models.submission import (
    PlagiarismReport,
    Submission,
    SubmissionStatus,
    TestResult,
    Verdict,
)
from judgehall.models.user import RatingChange, Team, TeamMember, TeamRole, User

__all__ = [
    "Clarification",
    "ClarificationStatus",
    "Contest",
    "ContestRegistration",
    "ContestStatus",
    "PlagiarismReport",
    "Problem",
    "RatingChange",
    "Submission",
    "SubmissionStatus",
    "Team",
    "TeamMember",
    "TeamRole",
    "TestCase",
    "TestResult",
    "User",
    "Verdict",
]
