package org.rightsledger.record;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.http.RequestBodies;
import org.rightsledger.problem.Problem.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a record from its JSON: the common fields, then {@code details} in the shape its
 * {@code type} calls for, then the rules that span fields. Collects every error it finds.
 */
@ApplicationScoped
public class RecordParser {

    private final RequestBodies bodies;

    RecordParser(RequestBodies bodies) {
        this.bodies = bodies;
    }

    /** @return the record, or null after adding its errors (pointers start with {@code at}). */
    public ValidRecord parse(JsonNode json, String at, List<FieldError> errors) {
        int before = errors.size();
        if (!json.isObject()) {
            errors.add(FieldError.at(at, "must be a JSON object"));
            return null;
        }
        RecordDraft draft = bodies.convert(json, RecordDraft.class, at, errors);
        if (draft == null) {
            return null;
        }
        bodies.validate(draft, at, errors);
        Details details = null;
        if (draft.type() != null && draft.details() != null) {
            if (!draft.details().isObject()) {
                errors.add(FieldError.at(at + "/details", "must be a JSON object"));
            } else {
                details = bodies.convert(draft.details(), draft.type().details, at + "/details", errors);
                if (details != null) {
                    bodies.validate(details, at + "/details", errors);
                }
            }
        }
        crossFieldRules(draft, details, at, errors);
        return errors.size() == before ? new ValidRecord(draft, details) : null;
    }

    public ValidRecord parse(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        ValidRecord record = parse(json, "", errors);
        RequestBodies.throwIfAny(errors);
        return record;
    }

    private static void crossFieldRules(RecordDraft draft, Details details, String at, List<FieldError> errors) {
        if (draft.type() == RecordType.BILL_READING && draft.billId() == null) {
            errors.add(FieldError.at(at + "/billId", "a bill_reading must name its bill"));
        }
        if (draft.type() == RecordType.RETRACTION && draft.supersedes() != null) {
            errors.add(FieldError.at(at + "/supersedes", "a retraction cannot supersede; retract the record instead"));
        }
        if (details instanceof Details.Fine fine && fine.reportedUsd() != null
                && fine.reportedUsd().currency() != null && !"USD".equals(fine.reportedUsd().currency())) {
            errors.add(FieldError.at(at + "/details/reportedUsd/currency", "must be USD"));
        }
        if (details instanceof Details.Detention detention && detention.start() != null && detention.end() != null) {
            var start = ReducedDate.parseDateOrDateTime(detention.start());
            var end = ReducedDate.parseDateOrDateTime(detention.end());
            if (start.isPresent() && end.isPresent() && end.get().last().isBefore(start.get().first())) {
                errors.add(FieldError.at(at + "/details/end", "must not be before start"));
            }
        }
    }
}
