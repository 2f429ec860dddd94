from __future__ import annotations

QUEUE_JUDGE = "judge:queue"
QUEUE_REJUDGE = "judge:rejudge"
QUEUE_PLAGIARISM = "plagiarism:queue"


def scoreboard_channel(contest_id: int) -> str:
    return f"scoreboard:events:{contest_id}"


def submission_channel(submission_id: int) -> str:
    return f"submission:events:{submission_id}"


def clarification_channel(contest_id: int) -> str:
    return f"clar:events:{contest_id}"


def first_solve(contest_id: int, problem_id: int) -> str:
    return f"first-solve:{contest_id}:{problem_id}"


def rating_lock() -> str:
    return "rating-recalc"


def problem_stats(problem_id: int) -> str:
    return f"problem:stats:{problem_id}"
