package org.rightsledger.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * An entry as every endpoint serves it, as JSON text. The stored
 * canonical content is spliced in unchanged (no parse, no re-serialization), between the
 * position and the hashes. A restricted entry, for a reader without {@code restricted:read},
 * is a placeholder that keeps the chain verifiable: its hashes, and nothing of its content.
 */
public final class EntryJson {

    private EntryJson() {
    }

    /**
     * @param derived the entry's {@code derived} object as JSON text ("{}" when nothing is known)
     */
    public static String of(LogEntry entry, String derived, boolean canReadRestricted) {
        if (entry.restricted() && !canReadRestricted) {
            return "{\"position\":" + entry.position() + ",\"id\":\"" + entry.id() + "\",\"type\":"
                    + quote(entry.type()) + ",\"contentHash\":\"" + Chain.hex(entry.contentHash()) + "\",\"hash\":\""
                    + Chain.hex(entry.hash()) + "\",\"redacted\":true}";
        }
        String content = entry.content();
        StringBuilder json = new StringBuilder(content.length() + derived.length() + 200);
        json.append("{\"position\":").append(entry.position()).append(',');
        json.append(content, 1, content.length() - 1);
        json.append(",\"contentHash\":\"").append(Chain.hex(entry.contentHash()));
        json.append("\",\"hash\":\"").append(Chain.hex(entry.hash())).append("\",\"derived\":");
        return json.append(derived).append('}').toString();
    }

    /**
     * A page of entries already rendered as JSON: {@code {"items": [...], "next": ...}}.
     * @param next the value of {@code next} as JSON text ("null", a number, a quoted cursor), or
     *             null for a page without one
     */
    public static String page(java.util.List<String> items, String next) {
        StringBuilder page = new StringBuilder("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            page.append(i == 0 ? "" : ",").append(items.get(i));
        }
        page.append(']');
        if (next != null) {
            page.append(",\"next\":").append(next);
        }
        return page.append('}').toString();
    }

    /** A page cursor as JSON text: base64url, so nothing in it needs escaping. */
    public static String cursor(String cursor) {
        return cursor == null ? "null" : '"' + cursor + '"';
    }

    /** A JSON string literal of {@code text}, escaped. */
    public static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
