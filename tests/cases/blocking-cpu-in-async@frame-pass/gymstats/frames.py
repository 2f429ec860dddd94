"""Attendance and churn tables built with pandas."""
from typing import Any

import pandas as pd


def attendance_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    frame = pd.DataFrame(rows)
    if frame.empty:
        return []
    frame["hour"] = pd.to_datetime(frame["checked_in_at"]).dt.hour
    summary = frame.groupby(["gym_id", "hour"]).agg(visits=("member_id", "count"))
    return summary.reset_index().to_dict(orient="records")


def churn_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    frame = pd.DataFrame(rows)
    ranked = frame.sort_values("days_idle", ascending=False)
    return ranked.to_dict(orient="records")
