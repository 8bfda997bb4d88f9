-- The replica running a launch renews its claim every watch interval; a claim nobody renews is taken up again.
alter table provisioning_operation add column launch_renewed_at timestamptz;
update provisioning_operation set launch_renewed_at = launch_started_at where launch_started_at is not null;
