-- A machine's network identity comes from inventory-service (host.reserved): its segment and its fixed
-- address there. imaging-service no longer hands out addresses of its own.
alter table machine add column segment varchar(100);
alter table machine add column segment_cidr varchar(50);
alter table machine add column gateway varchar(50);
alter table machine add column assigned_address varchar(50);
drop table network_lease;
alter table machine add column provider_identity jsonb not null default '{}';
