package org.rightsledger.record;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.Chain;
import org.rightsledger.log.LogEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An entry as served: its stored content, untouched, plus the log fields
 * ({@code position}, {@code contentHash}, {@code hash}) and {@code derived}, which is not hashed.
 */
@ApplicationScoped
public class RecordViews {

    private final ObjectMapper json;

    RecordViews(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode view(RecordRow row) {
        ObjectNode view = entry(row.entry());
        ObjectNode derived = view.putObject("derived");
        if (row.supersededBy() != null) {
            derived.put("supersededBy", row.supersededBy().toString());
        }
        if (row.retractedBy() != null) {
            derived.put("retracted", true);
            derived.put("retractedBy", row.retractedBy().toString());
        }
        return view;
    }

    public ObjectNode entry(LogEntry entry) {
        ObjectNode content;
        try {
            content = (ObjectNode) json.readTree(entry.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of position " + entry.position() + " is not JSON", e);
        }
        // Position, id and type first for human readers; key order does not matter to the hash (JCS sorts).
        ObjectNode view = json.createObjectNode();
        view.put("position", entry.position());
        view.set("id", content.get("id"));
        view.set("type", content.get("type"));
        view.setAll(content);
        view.put("contentHash", Chain.hex(entry.contentHash()));
        view.put("hash", Chain.hex(entry.hash()));
        return view;
    }
}
