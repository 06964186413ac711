package org.rightsledger.record;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of real-world event a record describes, plus the retraction of a record. */
public enum RecordType {
    DETENTION("detention", Details.Detention.class),
    FINE("fine", Details.Fine.class),
    RULING("ruling", Details.Ruling.class),
    BILL_READING("bill_reading", Details.BillReading.class),
    RETRACTION("retraction", Details.Retraction.class);

    public final String value;
    public final Class<? extends Details> details;

    RecordType(String value, Class<? extends Details> details) {
        this.value = value;
        this.details = details;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    public static RecordType of(String value) {
        for (RecordType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
