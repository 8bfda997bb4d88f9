-- Masters relops boots: their machine's address, the request that made them, where they came from, the
-- hash of the credential they read their workers with, and the pending check of their REST API.
ALTER TABLE masters ADD COLUMN address varchar(64);
ALTER TABLE masters ADD COLUMN request_id varchar(100);
ALTER TABLE masters ADD COLUMN origin varchar(16) NOT NULL DEFAULT 'api';
ALTER TABLE masters ADD COLUMN credential_hash varchar(64);
ALTER TABLE masters ADD COLUMN check_due_at timestamptz;
ALTER TABLE masters ADD COLUMN check_deadline timestamptz;
ALTER TABLE masters ADD COLUMN check_attempts integer NOT NULL DEFAULT 0;
CREATE INDEX masters_check_due ON masters (check_due_at) WHERE check_due_at IS NOT NULL;

-- A slave's current boot (the kernel boot id its machine reported), the boot its worker was last seen
-- connected in, and the pending check of that connection on its master.
ALTER TABLE slaves ADD COLUMN boot_id varchar(64);
ALTER TABLE slaves ADD COLUMN connected_boot_id varchar(64);
ALTER TABLE slaves ADD COLUMN connect_check_due_at timestamptz;
ALTER TABLE slaves ADD COLUMN connect_check_deadline timestamptz;
ALTER TABLE slaves ADD COLUMN connect_check_attempts integer NOT NULL DEFAULT 0;
CREATE INDEX slaves_connect_check_due ON slaves (connect_check_due_at) WHERE connect_check_due_at IS NOT NULL;
