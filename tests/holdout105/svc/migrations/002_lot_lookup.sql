-- Operators type lot numbers in any case at the floor terminals.
CREATE INDEX IF NOT EXISTS ix_lots_lot_number_lower ON lots (lower(lot_number));
