from __future__ import annotations

from dataclasses import dataclass

from portops.db.models import CraneMove


@dataclass(frozen=True)
class MoveInstruction:
    move_id: int
    crane_id: str
    container_id: int
    kind: str
    sequence: int


def build_move_instruction(move: CraneMove, crane_id: str) -> MoveInstruction:
    return MoveInstruction(
        move_id=move.id,
        crane_id=crane_id,
        container_id=move.container_id,
        kind=move.kind,
        sequence=move.sequence,
    )


def instruction_payload(instruction: MoveInstruction, **extra: object) -> dict:
    payload = {
        "move": instruction.move_id,
        "crane": instruction.crane_id,
        "container": instruction.container_id,
        "kind": instruction.kind,
        "seq": instruction.sequence,
    }
    payload.update(extra)
    return payload
