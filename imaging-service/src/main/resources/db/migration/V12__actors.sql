-- Who caused what (the verified caller, docs/security.md): kept with work that outlives the API call, so the
-- events it causes later still name the caller.
alter table provisioning_operation add column actor varchar(200);
alter table machine add column destroy_actor varchar(200);
alter table rollout add column started_by varchar(200);
