-- What a machine's boot agent reports: the state of its persistent disk, its boot count there, and
-- whether it fetched its buildbot.tac.
alter table provisioning_operation drop column disk_intact;
alter table provisioning_operation drop column tac_fetched;
alter table provisioning_operation add column disk_state varchar(20);
alter table provisioning_operation add column disk_boots integer;
alter table provisioning_operation add column tac_state varchar(20);
