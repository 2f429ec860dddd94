"""What RA321 (orm_check_then_update) says about each form of check-then-write: the description,
title and recommendation of a finding, and the places it names beside the cited one."""
from __future__ import annotations

from ...findings import Location
from ...model.project import ProjectModel
from ._blocking import short
from ._dbaccess import Access


def description(model: ProjectModel, fq: str, path: str, read: Access, row: str, gate: int, store: dict,
                 write: int, column: str) -> str:
    check = model.line_text(path, gate)
    loaded = f"`{read.label}` rows" if ".[]." in store["target"] else f"`{row}` (a `{read.label}` row)"
    late = store.get("late")
    change = _change(store, column, write)
    if store.get("filtered"):
        return (f"`{short(fq)}` picks {loaded} with `{read.call}(...)` at line {read.line} because its `{column}` "
                f"is free (the SELECT's filter, without a lock or SKIP LOCKED), then sets `{column}` with "
                f"`{store['call']}(...)` at line {store['line']}, an UPDATE whose WHERE does not test `{column}` "
                "again. Two concurrent requests pick the same row and both claim it: the last one wins and the "
                "first holds something that is no longer its own.")
    if store.get("predicate"):
        return (f"`{short(fq)}` tests `{column}` of a `{read.label}` row through `{read.call}(...)` at line {gate}, "
                f"which loads it without locking, loads the row again at line {store['predicate']} and sets "
                f"`{store['target']}` in Python at line {store['line']}, written back at line {write}. Two concurrent "
                f"requests both see the old `{column}`, both pass the test and both write: the second overwrites "
                "the first, which believes it succeeded.")
    if store.get("via"):
        via = store["via"]
        return (f"`{short(fq)}` loads `{read.label}` rows with `{read.call}(...)` at line {read.line} without locking "
                f"and hands `{row}` to `{via['call']}(...)` (line {via['call_line']}), which computes "
                f"`{store['target']}` from the value loaded (`{model.line_text(via['path'], gate).strip()}`, "
                f"{via['path']}:{gate}); `{short(fq)}` writes it back at line {write}. The UPDATE stores this "
                f"run's result: a change of `{column}` made between the read and the commit (a top-up, a spend, "
                "another run) is silently overwritten.")
    if store.get("batch"):
        batch = store["batch"]
        return (f"`{short(fq)}` loads `{read.label}` rows in bulk with `{read.call}(...)` at line {read.line} without "
                f"locking, computes each row's new `{column}` from that snapshot (line {batch['step']}: "
                f"`{model.line_text(path, batch['step']).strip()}`) and writes the batch `{batch['list']}` back with "
                f"`{store['call']}(...)` at line {write}, an UPDATE that assigns `{column}` the value computed here. "
                f"A concurrent run over the same rows (another batch, another replica) reads the same snapshot: "
                "whichever UPDATE lands last overwrites the other's changes, and those updates are lost.")
    if store.get("blind"):
        by_caller = store.get("by_caller")
        written = f"line {write}" if not by_caller else \
            f"{by_caller[0]}:{write} by the request's session dependency, after the handler returns" \
            if by_caller[1] == write else f"{by_caller[0]}:{write} by the caller that awaits it and commits"
        return (f"`{short(fq)}` loads {loaded} with `{read.call}(...)` at line {read.line} without locking and "
                f"computes `{store['target']}` from the value it read (`{check}`, line {gate}), written back at "
                f"{written}. The UPDATE stores this request's result: a concurrent change of `{column}` made "
                "between the read and the commit (another top-up, a spend) is silently overwritten.")
    return (
        f"`{short(fq)}` loads {loaded} with `{read.call}(...)` at line {read.line} without "
        f"locking, checks `{row}` at line {gate} (`{check}`), and then {change}. Two concurrent requests both "
        f"read the same `{column}`, both pass the check and both "
        + ("do the work, and both move the state afterwards." if late and store.get("helper") else
           "do the work: the UPDATE that would refuse the second request runs only after it." if late else
           "write their own result: ")
        + ("" if late else
           "the limit the check enforces is exceeded and one update is lost." if store["kind"] == "aug"
           or store.get("helper") else
           "the limit the check enforces is exceeded." if store.get("limit") or store.get("compared") else
           "the transition is applied twice, or over a state another request has just moved the row to."))


def _change(store: dict, column: str, write: int) -> str:
    """How the coroutine changes the row after the check, for the description."""
    late, call, line = store.get("late"), store.get("call"), store["line"]
    if store["kind"] != "statement":
        return f"sets `{store['target']}` in Python at line {line}, written back at line {write}"
    if store.get("helper"):
        return (f"does the guarded work (`{late.name}(...)` at line {late.line}) before `{call}(...)` at line {line} "
                f"sets `{column}` without testing it again" if late else
                f"sets `{column}` through `{call}(...)` at line {line} to a value computed from the one it read")
    return (f"does the guarded work (`{late.name}(...)` at line {late.line}) before moving the state with "
            f"`{call}(...)` at line {line}, an UPDATE that re-tests `{column}` but whose outcome is not checked"
            if late else
            f"updates the row with `{call}(...)` at line {line}, an UPDATE whose WHERE does not test `{column}` again")


def related(path: str, read: Access, store: dict, write: int, column: str) -> list[Location]:
    late = store.get("late")
    related = [Location(path, read.line, read.end_line, f"unlocked read of `{read.label}`")]
    if store.get("batch"):
        step = store["batch"]["step"]
        related.append(Location(path, step, step, f"`{column}` computed from the snapshot"))
        if store["at"] != (path, store["line"]):
            related.append(Location(store["at"][0], store["at"][1], store["at"][1], "the UPDATE statement"))
    elif store["kind"] == "statement":
        if late:
            related.append(Location(path, late.line, late.end_line, "the guarded work, done before the claim"))
        related.append(Location(path, store["line"], store["line"], _write_note(store)))
        if store["at"] != (path, store["line"]):
            related.append(Location(store["at"][0], store["at"][1], store["at"][1],
                                    f"`{column}` assigned" if store.get("helper") else "the UPDATE statement"))
    elif store.get("via"):
        via = store["via"]
        related += [Location(path, via["call_line"], via["call_line"], "the row handed to the helper"),
                    Location(path, write, write, "written back")]
    else:
        by_caller = store.get("by_caller")
        related += [Location(path, store["line"], store["line"], f"`{column}` changed in Python"),
                    Location(by_caller[0] if by_caller else path, write, write, "written back")]
        if by_caller:
            related.append(Location(by_caller[0], by_caller[1], by_caller[1], "the call whose caller commits"))
        related += [Location(path, line, line, "another column of the row stepped from the same stale read")
                    for line in store.get("others", ())]
    if read.at != (path, read.line):
        related.append(Location(read.at[0], read.at[1], read.at[1], "the SELECT"))
    return related


def _write_note(store: dict) -> str:
    """What the statement (or helper call) that writes the row does, for its related location."""
    late, helper = store.get("late"), store.get("helper")
    return ("the state moved by a helper that does not re-test it" if late and helper else
            "the value read, changed, written back by a helper" if helper else
            "conditional UPDATE whose outcome is ignored" if late else
            "the value read, changed, written back" if store.get("blind") else
            "UPDATE that does not re-check the state")


def advice(fq: str, read: Access, row: str, gate: int, store: dict, column: str) -> tuple[str, str]:
    """(title, recommendation) for the form of the check and the write."""
    if store.get("filtered"):
        return (f"Free `{read.label}` row picked, then claimed without a lock in `{short(fq)}`",
                "Claim the row in the statement that picks it: lock it with "
                "`.with_for_update(skip_locked=True)` and assign it in the same transaction, or make the UPDATE "
                "re-test the filter and treat no updated row as lost:\n\n"
                f"    update({read.label}).where({read.label}.id == ..., {read.label}.{column}.is_(None))"
                f".values({column}=...)")
    if store.get("batch"):
        return (f"Batch of `{read.label}` rows written back from a stale snapshot in `{short(fq)}`",
                f"Let the UPDATE step `{column}` from the value it finds rather than write the one computed from the "
                "snapshot (`SET n = n + 1`, or `CASE` on the stored value), or lock the rows for the whole batch "
                "(`SELECT ... FOR UPDATE` in the transaction that writes them, taken in a fixed key order):\n\n"
                f"    UPDATE {read.label} SET {column} = {column} + $2, ... WHERE <key> = $1")
    if store.get("blind"):
        return (f"Read-modify-write of `{row if store.get('scalar') else f'{row}.{column}'}` without a row lock "
                f"in `{short(fq)}`",
                "Let the database apply the change to the current value (or lock the row first):\n\n"
                f"    await session.execute(\n"
                f"        update({read.label}).where({read.label}.id == ...)\n"
                f"        .values({column}={read.label}.{column} + <the amount>)\n"
                "    )")
    if store.get("late"):
        return (f"State check of `{row}.{column}` acted on before the state is claimed in `{short(fq)}`",
                f"Claim the transition before the work: move `{column}` to an in-progress state with a conditional "
                "UPDATE, and stop when no row matched:\n\n"
                f"    result = await session.execute(\n"
                f"        update({read.label}).where({read.label}.id == ..., <the state line {gate} requires>)\n"
                f"        .values({column}=<an in-progress state>)\n"
                "    )\n"
                "    if result.rowcount == 0:\n"
                f"        ...  # what the check at line {gate} does\n"
                f"    ...  # then the work, then the final `{column}`")
    if store.get("sql"):
        return (f"Check-then-update of `{column}` (read into `{row}`) without a row lock in `{short(fq)}`",
                f"Make the UPDATE itself require the state the check at line {gate} requires, and treat no updated "
                "row as the failed check (or read the row with `SELECT ... FOR UPDATE` in the transaction that "
                "updates it):\n\n"
                f"    moved = await conn.fetchval(\n"
                f"        \"UPDATE {read.label} SET {column} = ... WHERE <key> = $1 AND <the condition of line {gate}, "
                f"inverted> RETURNING {column}\", ...)\n"
                "    if moved is None:\n"
                f"        ...  # what the check at line {gate} does")
    if store.get("limit"):
        return (f"Check-then-update of `{row}` without a row lock in `{short(fq)}`",
                "Check and change the row in one conditional UPDATE and treat no returned row as the failed check "
                "(or read it with `SELECT ... FOR UPDATE` in the transaction that updates it):\n\n"
                f"    UPDATE {read.label} SET ... WHERE <key> = $1 AND <the condition of line {gate}, inverted>\n"
                "    RETURNING ...")
    return (f"Check-then-update of `{row}.{column}` without a row lock in `{short(fq)}`",
            "Check and change the column in one UPDATE, and treat no updated row as the failed check "
            "(or lock the row: `select(...).with_for_update()`, or add `version_id_col` optimistic locking):\n\n"
            f"    result = await session.execute(\n"
            f"        update({read.label}).where({read.label}.id == ..., <the condition of line {gate}>)\n"
            + (f"        .values({column}={read.label}.{column} + 1)\n" if store["kind"] == "aug" else
               f"        .values({column}=<the new {column}>)\n")
            + "    )\n"
            "    if result.rowcount == 0:\n"
            "        ...  # what the check at line " + str(gate) + " does")
