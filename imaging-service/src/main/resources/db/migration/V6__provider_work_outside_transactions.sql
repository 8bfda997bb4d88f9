-- Provider calls (launch, stop, destroy) run outside database transactions. A launch is claimed first
-- (state LAUNCHING, with the time it started), so that one a crash interrupted is taken up again; a
-- decommission first marks the machine DESTROYING with what it asked for, and machine.destroyed is
-- emitted only once the provider really destroyed it (retried with backoff until it does).
alter table provisioning_operation add column launch_started_at timestamptz;
alter table machine add column destroy_wipe boolean;
alter table machine add column destroy_request_id varchar(100);
alter table machine add column destroy_cause_event_id varchar(100);
alter table machine add column destroy_correlation_id varchar(100);
alter table machine add column destroy_attempts integer not null default 0;
alter table machine add column destroy_next_at timestamptz;
alter table machine add column destroy_error text;
