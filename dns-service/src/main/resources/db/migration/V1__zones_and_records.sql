-- The zones this environment's dns-service is authoritative for: the forward zone and its reverse zones.
-- SOA and NS records are made from configuration; only the serial lives here.
create table dns_zone (
    name       varchar(253) primary key,
    serial     bigint       not null,
    changed_at timestamptz  not null default now()
);

-- Every record of every zone besides the SOA and apex NS, in master-file presentation form.
-- owner says who put it there: machine:<hostname>, alias:<name> or update:<tsig key>.
create table dns_record (
    id         bigserial    primary key,
    zone       varchar(253) not null references dns_zone (name),
    name       varchar(253) not null,
    type       varchar(16)  not null,
    ttl        integer      not null,
    data       text         not null,
    owner      varchar(300) not null,
    created_at timestamptz  not null default now(),
    unique (zone, name, type, data)
);
create index dns_record_owner on dns_record (owner);
create index dns_record_name on dns_record (name);

-- Each serial's changes (one row per record added or removed), for incremental zone transfers.
create table dns_zone_journal (
    id              bigserial    primary key,
    zone            varchar(253) not null references dns_zone (name),
    serial          bigint       not null,
    previous_serial bigint       not null,
    added           boolean      not null,
    name            varchar(253) not null,
    type            varchar(16)  not null,
    ttl             integer      not null,
    data            text         not null,
    changed_at      timestamptz  not null default now()
);
create index dns_zone_journal_serial on dns_zone_journal (zone, serial);
