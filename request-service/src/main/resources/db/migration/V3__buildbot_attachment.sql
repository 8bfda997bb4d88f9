-- A machine of a buildbot role is ready only when slavealloc-service saw it do its role: a slave's worker
-- connected to its master in this boot, a master's REST API answering and the master enabled in its pool.
ALTER TABLE machine ADD COLUMN role varchar(63);
ALTER TABLE machine ADD COLUMN boot_id varchar(64);
ALTER TABLE machine ADD COLUMN connected_boot_id varchar(64);
ALTER TABLE machine ADD COLUMN master_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE machine ADD COLUMN web_url varchar(200);
