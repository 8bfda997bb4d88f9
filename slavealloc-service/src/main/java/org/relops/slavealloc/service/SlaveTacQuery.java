package org.relops.slavealloc.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.relops.slavealloc.Silo;

import io.agroal.api.AgroalDataSource;

/**
 * Reads a {@link SlaveTacRow} with one plain SQL statement, outside any transaction: the slave, its
 * password and template, and one row per master it could go to (its locked master, else the enabled
 * masters of its pool) with that master's count of the silo's other slaves, as the {@link Allocator}
 * counts them, and the {@link TacGenerations} of the slave's silo and of the rest. A single statement sees one
 * snapshot, so the counts agree with each other and the generations with the data.
 */
@ApplicationScoped
public class SlaveTacQuery {

    private static final String SQL = """
            select s.slaveid, s.name, s.poolid, s.distroid, s.bitsid, s.speedid, s.purposeid, s.dcid, s.trustid,
                   s.envid, s.enabled, s.address, s.tac_token_hash, s.basedir, s.current_masterid,
                   s.locked_masterid, coalesce(s.password_enc, distro_password.password_enc,
                   pool_password.password_enc) as password_enc, t.template,
                   m.masterid, m.nickname, m.fqdn, m.pb_port, silo.scope,
                   coalesce((select generation from tac_generations where scope = silo.scope), 0) as silo_generation,
                   (select generation from tac_generations where scope = '*') as global_generation,
                   (select count(*) from slaves o
                    where o.current_masterid = m.masterid and o.slaveid <> s.slaveid
                      and o.distroid = s.distroid and o.bitsid = s.bitsid and o.speedid = s.speedid
                      and o.purposeid = s.purposeid and o.dcid = s.dcid and o.trustid = s.trustid
                      and o.envid = s.envid) as silo_slaves
            from slaves s
            cross join lateral (select concat_ws(':', s.distroid, s.bitsid, s.speedid, s.purposeid, s.dcid,
                                                 s.trustid, s.envid)::varchar as scope) silo
            join pools p on p.poolid = s.poolid
            left join slave_passwords distro_password
                on distro_password.poolid = s.poolid and distro_password.distroid = s.distroid
            left join slave_passwords pool_password
                on pool_password.poolid = s.poolid and pool_password.distroid is null
            left join tac_templates t on t.tplid = coalesce(s.custom_tplid, p.default_tplid)
            left join masters m on case when s.locked_masterid is not null then m.masterid = s.locked_masterid
                                        else m.poolid = s.poolid and m.enabled end
            where lower(s.name) = lower(?)""";

    @Inject
    AgroalDataSource dataSource;

    public Optional<SlaveTacRow> find(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read slave " + name + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SlaveTacRow> read(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return Optional.empty();
        }
        int slaveId = rows.getInt("slaveid");
        String name = rows.getString("name");
        int poolId = rows.getInt("poolid");
        Silo silo = new Silo(rows.getInt("distroid"), rows.getInt("bitsid"), rows.getInt("speedid"),
                rows.getInt("purposeid"), rows.getInt("dcid"), rows.getInt("trustid"), rows.getInt("envid"));
        boolean enabled = rows.getBoolean("enabled");
        String address = rows.getString("address");
        String tokenHash = rows.getString("tac_token_hash");
        String basedir = rows.getString("basedir");
        Integer current = (Integer) rows.getObject("current_masterid");
        Integer locked = (Integer) rows.getObject("locked_masterid");
        String passwordEnc = rows.getString("password_enc");
        String template = rows.getString("template");
        Generation generation = new Generation(rows.getString("scope"), rows.getLong("silo_generation"),
                rows.getLong("global_generation"));
        List<SlaveTacRow.Candidate> candidates = new ArrayList<>();
        do {
            if (rows.getObject("masterid") != null) {
                candidates.add(new SlaveTacRow.Candidate(rows.getInt("masterid"), rows.getString("nickname"),
                        rows.getString("fqdn"), rows.getInt("pb_port"), rows.getLong("silo_slaves")));
            }
        } while (rows.next());
        return Optional.of(new SlaveTacRow(slaveId, name, poolId, silo, enabled, address, tokenHash, basedir, current, locked,
                passwordEnc, template, List.copyOf(candidates), generation));
    }
}
