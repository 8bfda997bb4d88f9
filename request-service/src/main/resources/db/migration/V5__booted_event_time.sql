-- When imaging-service announced the machine's current boot (its machine.booted event's time): a
-- machine.provisioning of that boot or an earlier one that arrives after it (events from two replicas, or
-- redelivered, come in any order) is not a reboot.
alter table machine add column booted_event_at timestamptz;
