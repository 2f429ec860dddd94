-- crew certificates: expiry is scanned nightly
CREATE INDEX IF NOT EXISTS ix_crew_certificates_member ON crew_certificates (crew_member_id);
CREATE INDEX IF NOT EXISTS ix_crew_certificates_expires ON crew_certificates (expires_on);
CREATE INDEX IF NOT EXISTS ix_chat_messages_room_id ON chat_messages (room, id);
