-- Reimage policy: the version a machine's request pinned (null = always the newest), when it was last
-- refreshed, and an incremental refresh its boot agent has been told to apply.
alter table machine add column pinned_version integer;
alter table machine add column last_refresh_at timestamptz;
alter table machine add column refresh_version integer;
alter table machine add column refresh_requested_at timestamptz;

-- Staged rollouts of an image version: a first wave, then the rest once the first is healthy.
create table rollout (
    id              uuid         primary key,
    image_name      varchar(100) not null references image (name),
    image_version   integer      not null,
    image_digest    varchar(80)  not null,
    app_environment varchar(63),
    first_percent   integer      not null,
    state           varchar(20)  not null,
    reason          text,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);

create index rollout_by_state on rollout (state);

create table rollout_machine (
    rollout_id   uuid         not null references rollout (id),
    hostname     varchar(63)  not null references machine (hostname),
    wave         integer      not null,
    from_version integer      not null,
    state        varchar(20)  not null,
    operation_id uuid,
    reason       text,
    updated_at   timestamptz  not null,
    primary key (rollout_id, hostname)
);
