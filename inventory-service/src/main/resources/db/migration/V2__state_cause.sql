-- The source of the event that put a system in its current state (null: this service or an operator),
-- so that an older event from the same source arriving late cannot move the system back.
alter table inventory_system add column state_cause varchar(200);
