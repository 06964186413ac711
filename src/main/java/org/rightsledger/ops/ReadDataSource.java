package org.rightsledger.ops;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * Where feed, export, listing and stats reads go: the read-only datasource {@code read}
 * (a streaming replica, {@code QUARKUS_DATASOURCE_READ_JDBC_URL}) when it is configured, else the
 * primary. Appends, lookups by id and every read inside a write stay on the primary. A replica
 * applies commits in order, so it holds a gapless prefix of the log: the feed lags, never skips.
 */
@ApplicationScoped
public class ReadDataSource {

    private static final Logger LOG = Logger.getLogger(ReadDataSource.class);

    private final DataSource reads;
    private final boolean replica;

    ReadDataSource(DataSource primary,
            @io.quarkus.agroal.DataSource("read") InjectableInstance<AgroalDataSource> read) {
        // Quarkus leaves a named datasource without a JDBC URL inactive.
        List<AgroalDataSource> active = read.listActive();
        this.replica = !active.isEmpty();
        this.reads = replica ? active.get(0) : primary;
        if (replica) {
            LOG.info("feed, export, listing and stats reads use the read datasource");
        }
    }

    public DataSource get() {
        return reads;
    }

    public boolean replica() {
        return replica;
    }
}
