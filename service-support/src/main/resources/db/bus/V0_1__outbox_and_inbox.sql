-- Transactional outbox: events written in the same transaction as the state change that causes them.
create table outbox_event (
    seq          bigserial primary key,
    event_id     varchar(64)  not null unique,
    type         varchar(200) not null,
    envelope     text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;

-- Inbox: ids of handled messages, written in the same transaction as the handler's effect.
create table inbox_message (
    consumer   varchar(100) not null,
    message_id varchar(100) not null,
    handled_at timestamptz  not null default now(),
    primary key (consumer, message_id)
);
