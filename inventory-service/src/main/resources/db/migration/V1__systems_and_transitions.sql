-- Every system relops can put a machine on, with its identity, location, state and reservation.
create table inventory_system (
    id             bigserial primary key,
    name           varchar(100) not null unique,
    provider       varchar(20)  not null check (provider in ('QEMU', 'LIBVIRT', 'EC2', 'BAREMETAL')),
    mac            varchar(17),
    bmc_address    varchar(255),
    libvirt_uri    varchar(255),
    instance_id    varchar(100),
    region         varchar(50),
    secret_ref     varchar(255),
    hardware_class varchar(100) not null,
    datacenter     varchar(100) not null,
    row_name       varchar(100) not null,
    rack           varchar(100) not null,
    environment    varchar(100),
    volumes        jsonb        not null default '[]',
    state          varchar(20)  not null check (state in ('FREE', 'RESERVED', 'PROVISIONING', 'READY', 'REIMAGING',
                                                          'FAILED', 'QUARANTINED', 'DECOMMISSIONING', 'RETIRED')),
    state_since    timestamptz  not null,
    request_id     varchar(100),
    hostname       varchar(63),
    reserved_at    timestamptz,
    -- Deferred, so that one import can move a MAC from one system to another.
    constraint inventory_system_mac_unique unique (mac) deferrable initially deferred,
    -- A reservation is the request and the hostname together, or nothing.
    constraint reservation_is_whole check ((request_id is null) = (hostname is null)),
    -- Only a system with nothing on it is free for placement.
    constraint free_means_unreserved check (state <> 'FREE' or request_id is null)
);
-- One machine never holds two systems.
create unique index inventory_system_machine on inventory_system (request_id, hostname) where request_id is not null;
create index inventory_system_free on inventory_system (datacenter, hardware_class) where state = 'FREE';

-- The audit trail: every change of a system's state, who or what caused it, when and why.
create table system_transition (
    id             bigserial primary key,
    system_name    varchar(100) not null,
    from_state     varchar(20),
    to_state       varchar(20),
    actor          varchar(200) not null,
    reason         varchar(1000) not null,
    request_id     varchar(100),
    hostname       varchar(63),
    cause_event_id varchar(100),
    at             timestamptz  not null
);
create index system_transition_by_system on system_transition (system_name, id);
