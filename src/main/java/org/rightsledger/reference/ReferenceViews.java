package org.rightsledger.reference;

import java.util.List;

import org.rightsledger.log.Chain;
import org.rightsledger.reference.ReferenceRepository.Revision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An entity as the API shows it: the fields of one revision, under the entity's id. For a
 * reader without restricted:read, a protected person is shown by pseudonym: no name, no aliases.
 */
public final class ReferenceViews {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTRY_FIELDS = List.of("id", "type", "revision", "recordedAt", "recordedBy");

    private ReferenceViews() {
    }

    public static ObjectNode view(Revision revision, boolean canReadRestricted) {
        ObjectNode content;
        try {
            content = (ObjectNode) JSON.readTree(revision.entry().content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode view = JSON.createObjectNode();
        view.put("id", revision.entityId().toString());
        view.put("revision", revision.revision());
        ObjectNode fields = content.deepCopy();
        fields.remove(ENTRY_FIELDS);
        fields.remove(revision.kind().idField);
        view.setAll(fields);
        if (content.path("protected").asBoolean(false) && !canReadRestricted) {
            view.put("name", content.path("pseudonym").asText());
            view.putArray("aliases");
            view.remove("pseudonym");
        }
        view.set("recordedAt", content.get("recordedAt"));
        view.set("recordedBy", content.get("recordedBy"));
        ObjectNode entry = view.putObject("entry");
        entry.put("position", revision.entry().position());
        entry.put("id", revision.entry().id().toString());
        entry.put("hash", Chain.hex(revision.entry().hash()));
        return view;
    }
}
