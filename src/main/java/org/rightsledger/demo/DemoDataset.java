package org.rightsledger.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The demo dataset (src/main/resources/demo/records.ndjson): real events from the seed
 * documents, each citing its source. Loaded at start-up when {@code ledger.demo.load} is true
 * (the default in dev mode).
 */
@ApplicationScoped
public class DemoDataset {

    public static final String RESOURCE = "demo/records.ndjson";
    public static final String RECORDED_BY = "rights-ledger demo dataset";
    private static final Logger LOG = Logger.getLogger(DemoDataset.class);

    private final DatasetImport importer;
    private final boolean load;

    DemoDataset(DatasetImport importer, @ConfigProperty(name = "ledger.demo.load", defaultValue = "false") boolean load) {
        this.importer = importer;
        this.load = load;
    }

    void onStart(@Observes StartupEvent start) {
        if (load) {
            DatasetImport.Result result = load();
            LOG.infof("demo dataset: %d records imported, %d already in the log", result.imported(), result.skipped());
        }
    }

    public DatasetImport.Result load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return importer.importNdjson(lines, RECORDED_BY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
