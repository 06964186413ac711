package org.rightsledger.sql;

/**
 * Who may see a row: a restricted entry (or projection row) only a reader with
 * {@code restricted:read}. The one place this predicate is written; everything that lists,
 * finds, counts or checks rows uses it.
 */
public final class Visibility {

    private Visibility() {
    }

    /** Whether row {@code alias} is visible; one parameter: may the reader read restricted rows. */
    public static String visible(String alias) {
        return visible(alias, "?");
    }

    /** Whether row {@code alias} is visible to a reader for whom {@code canReadRestricted} (an SQL expression) holds. */
    public static String visible(String alias, String canReadRestricted) {
        return "(NOT " + alias + ".restricted OR " + canReadRestricted + ")";
    }
}
