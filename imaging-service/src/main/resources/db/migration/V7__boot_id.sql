-- The kernel boot id each boot reports at its phone-home: slavealloc-service tells a worker connection
-- made in this boot from one left over from an earlier boot by it.
ALTER TABLE provisioning_operation ADD COLUMN boot_id text;
