-- The wipe step of a machine whose provider wipes by booting it (bare metal: the host's own disk): the
-- one-time token its wipe boot reports with, when that boot was started, when the wipe was reported, and how
-- many wipe boots were started.
ALTER TABLE machine ADD COLUMN wipe_token text;
ALTER TABLE machine ADD COLUMN wipe_started_at timestamptz;
ALTER TABLE machine ADD COLUMN wiped_at timestamptz;
ALTER TABLE machine ADD COLUMN wiped_bytes bigint;
ALTER TABLE machine ADD COLUMN wipe_boots integer NOT NULL DEFAULT 0;
