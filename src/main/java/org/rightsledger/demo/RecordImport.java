package org.rightsledger.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.record.RecordParser;
import org.rightsledger.record.RecordService;
import org.rightsledger.record.RequestBodies;
import org.rightsledger.record.ValidRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Imports records from NDJSON, one record per line with its own fixed {@code id} — how the
 * demo dataset is loaded. Records already in the log (by id) are skipped, so importing twice
 * is harmless. Every line is validated before anything is stored; then all are appended in
 * one transaction, in file order.
 */
@ApplicationScoped
public class RecordImport {

    public record Result(int imported, int skipped) {
    }

    private final RequestBodies bodies;
    private final RecordParser parser;
    private final RecordService records;
    private final DataSource dataSource;

    RecordImport(RequestBodies bodies, RecordParser parser, RecordService records, DataSource dataSource) {
        this.bodies = bodies;
        this.parser = parser;
        this.records = records;
        this.dataSource = dataSource;
    }

    @Transactional
    public Result importNdjson(BufferedReader lines, String recordedBy) {
        Map<UUID, ValidRecord> parsed = new LinkedHashMap<>();
        Map<UUID, Integer> lineIndex = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        try {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String at = "/" + (number - 1);
                JsonNode json;
                try {
                    json = bodies.object(line);
                } catch (RuntimeException e) {
                    errors.add(FieldError.at(at, "line " + number + ": " + e.getMessage()));
                    continue;
                }
                UUID id = id(json, at, errors);
                ValidRecord record = parser.parse(((ObjectNode) json).without("id"), at, errors);
                if (id != null && record != null && parsed.putIfAbsent(id, record) != null) {
                    errors.add(FieldError.at(at + "/id", "line " + number + " repeats id " + id));
                }
                lineIndex.putIfAbsent(id, number - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestBodies.throwIfAny(errors);
        int imported = 0;
        for (Map.Entry<UUID, ValidRecord> record : parsed.entrySet()) {
            if (!inLog(record.getKey())) {
                try {
                    records.append(record.getValue(), record.getKey(), recordedBy);
                } catch (ProblemException e) {
                    throw e.within("/" + lineIndex.get(record.getKey()));
                }
                imported++;
            }
        }
        return new Result(imported, parsed.size() - imported);
    }

    private static UUID id(JsonNode json, String at, List<FieldError> errors) {
        JsonNode id = json.get("id");
        if (id == null || !id.isTextual()) {
            errors.add(FieldError.at(at + "/id", "every imported record carries its id"));
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at(at + "/id", "'" + id.asText() + "' is not a UUID"));
            return null;
        }
    }

    private boolean inLog(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT 1 FROM log_entry WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new LogAccessException("looking up an imported id failed", e);
        }
    }
}
