package org.rightsledger.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The partner commands' arguments: {@code --name value} pairs, and the {@code flags} that stand alone. */
public final class CommandOptions {

    private CommandOptions() {
    }

    /** The options by name (a repeated one: its last value); a flag's value is "true". Anything else is an IllegalArgumentException. */
    public static Map<String, String> parse(String[] args, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        return options;
    }
}
