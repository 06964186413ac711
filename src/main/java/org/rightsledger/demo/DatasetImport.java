package org.rightsledger.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.http.RequestBodies;
import org.rightsledger.ledger.Append;
import org.rightsledger.log.LogRepository;
import org.rightsledger.problem.Problem.FieldError;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.rate.ExchangeRateDraft;
import org.rightsledger.rate.ExchangeRateService;
import org.rightsledger.record.RecordChecks;
import org.rightsledger.record.RecordChecks.Known;
import org.rightsledger.record.RecordParser;
import org.rightsledger.record.RecordService;
import org.rightsledger.record.ValidRecord;
import org.rightsledger.reference.ReferenceDraft;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Imports a dataset from NDJSON — how the demo dataset is loaded. Each line carries its own
 * fixed {@code id} and is an actor, bill or case ({@code "type": "actor" | "bill" | "case"}),
 * an {@code exchange_rate}, or a record. What is already in the log (by id) is skipped, so
 * importing twice is harmless. Every line is validated and checked first, like the API checks
 * it (against the log and the lines before it: entities before the records that name them);
 * then all are appended as one unit of the ledger, in file order: all or nothing.
 */
@ApplicationScoped
public class DatasetImport {

    public record Result(int imported, int skipped) {
    }

    private sealed interface Item {
        UUID id();

        int line();
    }

    private record Entity(UUID id, int line, ReferenceKind kind, ReferenceDraft draft) implements Item {
    }

    private record Rate(UUID id, int line, ExchangeRateDraft draft) implements Item {
    }

    private record Record(UUID id, int line, ValidRecord record) implements Item {
    }

    private final RequestBodies bodies;
    private final RecordParser parser;
    private final RecordService records;
    private final ReferenceService references;
    private final ExchangeRateService rates;
    private final LogRepository log;
    private final ReferenceRepository entities;

    DatasetImport(RequestBodies bodies, RecordParser parser, RecordService records, ReferenceService references,
            ExchangeRateService rates, LogRepository log, ReferenceRepository entities) {
        this.bodies = bodies;
        this.parser = parser;
        this.records = records;
        this.references = references;
        this.rates = rates;
        this.log = log;
        this.entities = entities;
    }

    public Result importNdjson(BufferedReader lines, String recordedBy) {
        List<Item> items = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        try {
            String line;
            int index = -1;
            while ((line = lines.readLine()) != null) {
                index++;
                if (!line.isBlank()) {
                    Item item = parse(line, index, errors);
                    if (item != null && !ids.add(item.id())) {
                        errors.add(FieldError.at("/" + index + "/id", "line " + (index + 1) + " repeats id " + item.id()));
                    } else if (item != null) {
                        items.add(item);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestBodies.throwIfAny(errors);
        List<Item> fresh = items.stream().filter(item -> !inLog(item)).toList();
        List<Append> unit = appends(fresh, recordedBy);
        if (!unit.isEmpty()) {
            records.appendUnit(unit);
        }
        return new Result(fresh.size(), items.size() - fresh.size());
    }

    /** Checks every line as the API would, seeing what the lines before it create; then what the ledger appends. */
    private List<Append> appends(List<Item> items, String recordedBy) {
        Known known = records.known(items.stream().filter(Record.class::isInstance).map(i -> ((Record) i).record())
                .toList(), true);
        List<Append> unit = new ArrayList<>(items.size());
        for (Item item : items) {
            try {
                if (item instanceof Entity e) {
                    references.checkActors(e.draft(), known.entities());
                    known.learn(e.id(), e.kind());
                    unit.add(references.creation(e.kind(), e.id(), e.draft(), recordedBy));
                } else if (item instanceof Rate r) {
                    rates.check(r.draft());
                    unit.add(rates.append(r.id(), r.draft(), recordedBy));
                } else if (item instanceof Record r) {
                    RecordChecks.check(r.record(), known);
                    known.learn(r.id(), r.record());
                    unit.add(records.append(r.record(), r.id(), recordedBy, true, "/" + item.line()));
                }
            } catch (ProblemException e) {
                throw e.within("/" + item.line());
            }
        }
        return unit;
    }

    private Item parse(String line, int index, List<FieldError> errors) {
        String at = "/" + index;
        JsonNode json;
        try {
            json = bodies.object(line);
        } catch (ProblemException e) {
            errors.add(FieldError.at(at, "line " + (index + 1) + ": " + e.getMessage()));
            return null;
        }
        UUID id = id(json, at, errors);
        String type = json.path("type").asText();
        ObjectNode body = ((ObjectNode) json).without("id");
        int before = errors.size();
        Item item = switch (type) {
            case "actor", "bill", "case" -> {
                ReferenceKind kind = ReferenceKind.of(type);
                ReferenceDraft draft = bodies.convert(body.without("type"), kind.draft, at, errors);
                if (draft != null) {
                    bodies.validate(draft, at, errors);
                    List<FieldError> rules = new ArrayList<>();
                    draft.crossFieldRules(rules);
                    rules.forEach(r -> errors.add(FieldError.at(at + r.pointer(), r.detail())));
                }
                yield new Entity(id, index, kind, draft);
            }
            case "exchange_rate" -> {
                ExchangeRateDraft draft = bodies.convert(body.without("type"), ExchangeRateDraft.class, at, errors);
                if (draft != null) {
                    bodies.validate(draft, at, errors);
                }
                yield new Rate(id, index, draft);
            }
            default -> new Record(id, index, parser.parse(body, at, errors));
        };
        return errors.size() == before && id != null ? item : null;
    }

    private static UUID id(JsonNode json, String at, List<FieldError> errors) {
        JsonNode id = json.get("id");
        if (id == null || !id.isTextual()) {
            errors.add(FieldError.at(at + "/id", "every imported line carries its id"));
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at(at + "/id", "'" + id.asText() + "' is not a UUID"));
            return null;
        }
    }

    /** Entities are known by their entity id, rates and records by their entry id. */
    private boolean inLog(Item item) {
        return item instanceof Entity ? entities.exists(item.id()) : log.contains(item.id());
    }
}
