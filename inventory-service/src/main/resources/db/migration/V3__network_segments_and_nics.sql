-- The IPv4 network segments systems' NICs are on, and the datacenter (all of it, or some racks) each serves.
create table network_segment (
    id         bigserial    primary key,
    name       varchar(63)  not null unique,
    cidr       cidr         not null,
    gateway    inet         not null,
    datacenter varchar(100) not null,
    racks      jsonb        not null default '[]',
    constraint network_segment_ipv4 check (family(cidr) = 4 and family(gateway) = 4 and masklen(gateway) = 32),
    constraint network_segment_gateway_inside check (gateway << cidr),
    -- No two segments share an address. Deferred, so that one import can move a network between segments.
    constraint network_segment_no_overlap exclude using gist (cidr inet_ops with &&) deferrable initially deferred
);

-- A system's NIC: the segment it is on and its fixed address there (the MAC is the existing column).
-- Systems stored before segments existed have neither until the next import gives them both.
alter table inventory_system
    add column segment varchar(63) references network_segment (name) deferrable initially deferred,
    add column address inet,
    add constraint inventory_system_address_is_a_host check (address is null
        or (family(address) = 4 and masklen(address) = 32)),
    add constraint inventory_system_nic_is_whole check ((segment is null) = (address is null)),
    -- Never the same address twice. Deferred, so that one import can move an address from one system to another.
    add constraint inventory_system_address_unique unique (address) deferrable initially deferred;

alter table inventory_system drop constraint inventory_system_provider_check;
alter table inventory_system add constraint inventory_system_provider_check
    check (provider in ('QEMU', 'LIBVIRT', 'EC2', 'BAREMETAL', 'SIMULATED'));
