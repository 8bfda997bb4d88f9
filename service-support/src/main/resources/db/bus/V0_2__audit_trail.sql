-- The audit trail: who changed what through the API, when and why; written in the change's own transaction.
create table audit_entry (
    seq     bigserial    primary key,
    at      timestamptz  not null default now(),
    actor   varchar(200) not null,
    subject varchar(500) not null,
    action  varchar(100) not null,
    detail  text
);
create index audit_entry_subject on audit_entry (subject, seq);
create index audit_entry_actor on audit_entry (actor, seq);
