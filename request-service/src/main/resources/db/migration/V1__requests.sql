create table provisioning_request (
    id                    varchar(100) primary key,
    image                 varchar(100) not null,
    image_version         varchar(50),
    count                 integer      not null,
    app_environment       varchar(63)  not null,
    hostname_prefix       varchar(50)  not null,
    datacenter            varchar(63),
    spread                varchar(20)  not null,
    hardware_class        varchar(63),
    idempotency_key       varchar(200) unique,
    state                 varchar(20)  not null,
    reason                varchar(2000),
    wipe_volumes          boolean      not null default false,
    created_at            timestamptz  not null,
    state_changed_at      timestamptz  not null
);
create index provisioning_request_state on provisioning_request (state);

create table machine (
    id                bigserial primary key,
    request_id        varchar(100) not null references provisioning_request (id),
    hostname          varchar(63)  not null unique,
    state             varchar(20)  not null,
    system_name       varchar(100),
    address           varchar(64),
    fqdn              varchar(255),
    image_version     varchar(50),
    image_digest      varchar(100),
    buildbot_slave    boolean      not null default false,
    booted            boolean      not null default false,
    in_dns            boolean      not null default false,
    master            varchar(255),
    slave_released    boolean      not null default false,
    dns_removed       boolean      not null default false,
    host_released     boolean      not null default false,
    reason            varchar(2000),
    state_changed_at  timestamptz  not null
);
create index machine_request on machine (request_id);

create table hostname_sequence (
    prefix varchar(50) primary key,
    last   integer     not null
);
