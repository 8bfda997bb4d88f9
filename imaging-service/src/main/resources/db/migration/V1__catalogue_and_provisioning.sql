-- The image catalogue: images, their immutable versions and the binary inputs each version pins.
create table image (
    name        varchar(100) primary key,
    description varchar(500),
    created_at  timestamptz  not null
);

create table image_version (
    id          bigserial    primary key,
    image_name  varchar(100) not null references image (name),
    number      integer      not null,
    role        varchar(63)  not null,
    state       varchar(20)  not null,
    digest      varchar(80),
    build_error text,
    created_at  timestamptz  not null,
    built_at    timestamptz,
    unique (image_name, number)
);

create table image_input (
    version_id   bigint       not null references image_version (id),
    position     integer      not null,
    kind         varchar(20)  not null,
    package_name varchar(200) not null,
    package_version varchar(100) not null,
    sha256       char(64)     not null,
    primary key (version_id, position)
);

-- Machines imaging-service provisioned, and every provisioning operation run on them.
create table machine (
    hostname             varchar(63)  primary key,
    system_name          varchar(100),
    provider             varchar(30)  not null,
    mac                  varchar(17),
    request_id           varchar(100),
    app_environment      varchar(63),
    state                varchar(20)  not null,
    current_operation_id uuid,
    address              varchar(45),
    updated_at           timestamptz  not null
);

create table provisioning_operation (
    id                uuid         primary key,
    hostname          varchar(63)  not null references machine (hostname),
    kind              varchar(20)  not null,
    provider          varchar(30)  not null,
    request_id        varchar(100),
    image_name        varchar(100) not null,
    image_version     integer      not null,
    image_digest      varchar(80)  not null,
    role              varchar(63)  not null,
    state             varchar(20)  not null,
    boot_token        varchar(64)  not null,
    token_used        boolean      not null default false,
    cause_event_id    varchar(100),
    correlation_id    varchar(100),
    address           varchar(45),
    reason            text,
    disk_intact       boolean,
    tac_fetched       boolean,
    created_at        timestamptz  not null,
    launched_at       timestamptz,
    booted_at         timestamptz,
    last_heartbeat_at timestamptz,
    finished_at       timestamptz
);

create index provisioning_operation_by_host on provisioning_operation (hostname, created_at);
create index provisioning_operation_by_state on provisioning_operation (state);

-- Addresses (libvirt) and user-network subnets (qemu) handed out to machines, one slot per machine.
create table network_lease (
    pool     varchar(30) not null,
    slot     integer     not null,
    hostname varchar(63) not null,
    primary key (pool, slot),
    unique (pool, hostname)
);
