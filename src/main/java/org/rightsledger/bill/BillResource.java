package org.rightsledger.bill;

import java.util.UUID;

import jakarta.ws.rs.Path;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.http.RequestBodies;
import org.rightsledger.record.RecordQuery;
import org.rightsledger.record.RecordRepository;
import org.rightsledger.record.RecordRow;
import org.rightsledger.record.RecordType;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceResource;
import org.rightsledger.reference.ReferenceService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

@Path("/v1/bills")
public class BillResource extends ReferenceResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    BillResource(ReferenceService service, ReferenceRepository references, RequestBodies bodies, CurrentCaller caller,
            RecordRepository records) {
        super(ReferenceKind.BILL, service, references, bodies, caller, records);
    }

    /**
     * A bill's path: its readings (bill_reading records naming it, corrections applied) in the
     * order they happened, and its current stage, that of the latest reading.
     */
    @Override
    protected void decorate(ObjectNode view, UUID billId) {
        ArrayNode readings = view.putArray("readings");
        String stage = null;
        for (RecordRow row : records.timeline(RecordQuery.naming(null, null, billId, false, 1000),
                caller.get().canReadRestricted())) {
            if (!RecordType.BILL_READING.value.equals(row.entry().type())) {
                continue;
            }
            JsonNode record = content(row);
            ObjectNode reading = readings.addObject();
            reading.put("recordId", row.entry().id().toString());
            reading.set("occurredOn", record.get("occurredOn"));
            reading.setAll((ObjectNode) record.get("details"));
            stage = record.get("details").get("stage").asText();
        }
        if (stage == null) {
            view.putNull("stage");
        } else {
            view.put("stage", stage);
        }
    }

    @Override
    protected boolean viewShowsRecords() {
        return true;
    }

    private static JsonNode content(RecordRow row) {
        try {
            return JSON.readTree(row.entry().content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
