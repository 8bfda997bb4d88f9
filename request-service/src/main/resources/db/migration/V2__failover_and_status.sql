alter table machine add column replacements integer not null default 0;
alter table provisioning_request add column stuck_reported_at timestamptz;

-- Runaway guard: boot failures in a row per image version, across all requests.
create table image_version_health (
    image                varchar(100) not null,
    image_version        varchar(50)  not null,
    consecutive_failures integer      not null default 0,
    suspect              boolean      not null default false,
    last_reason          varchar(2000),
    updated_at           timestamptz  not null,
    primary key (image, image_version)
);
