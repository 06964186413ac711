package org.rightsledger.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read whose answer does not depend on who asks (no restricted content, no per-key data): it
 * does not carry {@code Vary: Authorization}, so a shared cache may hand the answer it stored for
 * an anonymous request to any other anonymous one, however the next request is authorized.
 * Every other read varies on {@code Authorization} ({@link ConditionalGet}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface SameForEveryCaller {
}
