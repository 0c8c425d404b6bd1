-- leads no longer look up people the bridge sent before (their tags are always added, never replaced),
-- so nothing derived from a person's email or phone is kept
DROP INDEX ix_contact_link_email;
DROP INDEX ix_contact_link_phone;
ALTER TABLE contact_link DROP COLUMN email_hash;
ALTER TABLE contact_link DROP COLUMN phone_hash;
