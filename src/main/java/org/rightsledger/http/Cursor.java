package org.rightsledger.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rightsledger.log.Chain;
import org.rightsledger.problem.ProblemException;

/**
 * The opaque page cursor of listings: the last position served and a fingerprint of the
 * filters, base64url-encoded. A cursor that is not ours, or from another query, is a 400.
 */
public final class Cursor {

    private static final Pattern FORM = Pattern.compile("v1\\.(\\d{1,18})\\.([0-9a-f]{16})");

    private Cursor() {
    }

    /** @param filters identifies the filters of the listing the cursor pages through */
    public static String encode(long lastPosition, String filters) {
        String raw = "v1." + lastPosition + "." + fingerprint(filters);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the position below which the next page starts */
    public static long decode(String cursor, String filters) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
        Matcher m = FORM.matcher(raw);
        if (!m.matches()) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
        if (!m.group(2).equals(fingerprint(filters))) {
            throw ProblemException.badParameter("cursor", "this cursor belongs to a query with other filters");
        }
        return Long.parseLong(m.group(1));
    }

    private static String fingerprint(String filters) {
        return Chain.hex(Chain.sha256().digest(filters.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
