-- Real images: a Debian root from a pinned base with a Puppet role, booted from a squashfs.
ALTER TABLE image_version ADD COLUMN recipe varchar(20) NOT NULL DEFAULT 'NETBOOT';
ALTER TABLE image_version ADD COLUMN base varchar(100);
ALTER TABLE image_version ADD COLUMN suite varchar(40);
ALTER TABLE image_version ADD COLUMN architecture varchar(20);
ALTER TABLE image_version ADD COLUMN root_sha256 char(64);
ALTER TABLE image_input ADD COLUMN architecture varchar(20);
