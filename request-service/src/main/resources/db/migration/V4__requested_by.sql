-- Who asked for a request, as far as relops can tell: the channel it came by, and the user the broker vouched for.
alter table provisioning_request add column requested_via text;
alter table provisioning_request add column requested_by text;
