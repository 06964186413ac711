package org.rightsledger.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read whose 200 answer, for a given URL, can never change: caches may keep it a year without
 * asking again ({@code Cache-Control: public, max-age=31536000, immutable}; {@code private, …}
 * for a request with {@code Authorization}). Only for answers made of hashes of the log below
 * its head (tree roots and proofs of a fixed size), never for anything with a {@code derived}
 * part, which corrections and exchange rates change. {@link ConditionalGet} applies it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Immutable {
}
