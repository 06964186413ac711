package org.rightsledger.sql;

import java.util.List;

/**
 * Next-page SQL: a page continues before the last key of the page before (keyset pagination:
 * stable while entries are appended, and an index range scan whatever the depth).
 */
public final class KeysetPage {

    private KeysetPage() {
    }

    /** Appends {@code AND key < before} (when there is a cursor) and {@code ORDER BY key DESC LIMIT limit}. */
    public static void newestFirst(StringBuilder sql, List<Object> params, String key, Long before, int limit) {
        page(sql, params, key, before, key + " DESC", limit);
    }

    /** The same, in another order (which must end with the key, so the cursor is unambiguous). */
    public static void page(StringBuilder sql, List<Object> params, String key, Long before, String orderBy, int limit) {
        if (before != null) {
            sql.append(" AND ").append(key).append(" < ?");
            params.add(before);
        }
        sql.append(" ORDER BY ").append(orderBy).append(" LIMIT ?");
        params.add(limit);
    }
}
