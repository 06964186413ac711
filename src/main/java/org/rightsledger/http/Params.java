package org.rightsledger.http;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rightsledger.problem.ProblemException;

/** Query parameters read strictly: a value out of range is a 400 naming the parameter, never a 5xx. */
public final class Params {

    /** ISO 3166-1 alpha-2, as the JDK knows it (the same set bodies are checked against, {@code Constraints.COUNTRIES}). */
    private static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final Pattern UUID_FORM = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    /** The country filter shared by every list; absent gives null. */
    public static String country(String value) {
        if (value != null && !COUNTRIES.contains(value)) {
            throw ProblemException.badParameter("country", "must be an ISO 3166-1 alpha-2 code in upper case, such as KZ");
        }
        return value;
    }

    /** The full-text filter {@code q} shared by every list; absent gives null. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 500 || value.indexOf('\u0000') >= 0) {
            throw ProblemException.badParameter("q", "must be 1 to 500 characters of search text, without NUL");
        }
        return value;
    }

    /** An id in a query parameter; absent gives null. */
    public static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!UUID_FORM.matcher(value).matches()) {
            throw ProblemException.badParameter(name, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    /** An integer within [min, max]; absent (or empty) gives the fallback. */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter(name, "must be an integer from " + min + " to " + max);
    }

    /** A log position (0 before the first entry); absent gives 0. */
    public static long position(String name, String value) {
        if (value == null) {
            return 0;
        }
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter(name, "must be a log position: an integer of 0 or more");
    }
}
