-- Generations of what a slave's tac depends on, for each replica's cache of rendered tacs: one row per silo
-- (distro:bits:speed:purpose:dc:trust:env), bumped when a slave of the silo is added, removed, moved or changed
-- in anything its tac or its allocation reads, and the row '*' for everything else a tac reads (masters, pools'
-- templates, templates, pool passwords). Triggers bump them in the writing transaction, whoever writes: a
-- reader that sees a generation sees the data of exactly that generation. One row per silo, not one for all,
-- so that allocations of different silos never wait for each other on it (those of one silo already queue for
-- their silo's lock).
CREATE TABLE tac_generations (
    scope      varchar(100) PRIMARY KEY,
    generation bigint       NOT NULL
);
INSERT INTO tac_generations VALUES ('*', 1);
INSERT INTO tac_generations
SELECT DISTINCT concat_ws(':', distroid, bitsid, speedid, purposeid, dcid, trustid, envid), 1 FROM slaves;

CREATE FUNCTION bump_tac_generation(bumped varchar) RETURNS void LANGUAGE sql AS $$
    INSERT INTO tac_generations AS g VALUES (bumped, 1)
    ON CONFLICT (scope) DO UPDATE SET generation = g.generation + 1
$$;

CREATE FUNCTION slave_tac_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_scope varchar;
    new_scope varchar;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_scope := concat_ws(':', OLD.distroid, OLD.bitsid, OLD.speedid, OLD.purposeid, OLD.dcid, OLD.trustid,
                               OLD.envid);
        PERFORM bump_tac_generation(old_scope);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        new_scope := concat_ws(':', NEW.distroid, NEW.bitsid, NEW.speedid, NEW.purposeid, NEW.dcid, NEW.trustid,
                               NEW.envid);
        IF new_scope IS DISTINCT FROM old_scope THEN
            PERFORM bump_tac_generation(new_scope);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION tac_source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_tac_generation('*');
    RETURN NULL;
END
$$;

CREATE TRIGGER slaves_added_or_removed AFTER INSERT OR DELETE ON slaves
    FOR EACH ROW EXECUTE FUNCTION slave_tac_changed();
-- Only what a tac or an allocation reads: the connection checks' columns, notes, boot ids do not count.
CREATE TRIGGER slaves_changed AFTER UPDATE ON slaves FOR EACH ROW
    WHEN ((OLD.name, OLD.distroid, OLD.bitsid, OLD.speedid, OLD.purposeid, OLD.dcid, OLD.trustid, OLD.envid,
           OLD.poolid, OLD.basedir, OLD.locked_masterid, OLD.custom_tplid, OLD.enabled, OLD.current_masterid,
           OLD.password_enc, OLD.address, OLD.tac_token_hash)
          IS DISTINCT FROM
          (NEW.name, NEW.distroid, NEW.bitsid, NEW.speedid, NEW.purposeid, NEW.dcid, NEW.trustid, NEW.envid,
           NEW.poolid, NEW.basedir, NEW.locked_masterid, NEW.custom_tplid, NEW.enabled, NEW.current_masterid,
           NEW.password_enc, NEW.address, NEW.tac_token_hash))
    EXECUTE FUNCTION slave_tac_changed();

CREATE TRIGGER masters_added_or_removed AFTER INSERT OR DELETE ON masters
    FOR EACH ROW EXECUTE FUNCTION tac_source_changed();
CREATE TRIGGER masters_changed AFTER UPDATE ON masters FOR EACH ROW
    WHEN ((OLD.nickname, OLD.fqdn, OLD.pb_port, OLD.poolid, OLD.enabled)
          IS DISTINCT FROM (NEW.nickname, NEW.fqdn, NEW.pb_port, NEW.poolid, NEW.enabled))
    EXECUTE FUNCTION tac_source_changed();

CREATE TRIGGER pools_changed AFTER UPDATE OR DELETE ON pools FOR EACH ROW
    EXECUTE FUNCTION tac_source_changed();
CREATE TRIGGER tac_templates_changed AFTER UPDATE OR DELETE ON tac_templates FOR EACH ROW
    EXECUTE FUNCTION tac_source_changed();
CREATE TRIGGER slave_passwords_changed AFTER INSERT OR UPDATE OR DELETE ON slave_passwords FOR EACH ROW
    EXECUTE FUNCTION tac_source_changed();
