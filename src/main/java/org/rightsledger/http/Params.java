package org.rightsledger.http;

import org.rightsledger.problem.ProblemException;

/** Query parameters read strictly: a value out of range is a 400 naming the parameter, never a 5xx. */
public final class Params {

    private Params() {
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
