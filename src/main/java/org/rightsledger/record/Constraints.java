package org.rightsledger.record;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The field rules of records that Bean Validation does not ship. Null is valid (use @NotNull). */
public final class Constraints {

    private Constraints() {
    }

    /** {@code 2025}, {@code 2025-06} or {@code 2025-06-14}, a real date, not in the future. */
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Constraint(validatedBy = PastReducedDateValidator.class)
    public @interface PastReducedDate {
        String message() default "must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not in the future";

        boolean dateTimeAllowed() default false;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class PastReducedDateValidator implements ConstraintValidator<PastReducedDate, String> {
        private boolean dateTimeAllowed;

        @Override
        public void initialize(PastReducedDate annotation) {
            dateTimeAllowed = annotation.dateTimeAllowed();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            // "Today" anywhere on Earth: UTC+14 is the furthest ahead.
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(14));
            return (dateTimeAllowed ? ReducedDate.parseDateOrDateTime(value) : ReducedDate.parse(value))
                    .map(d -> d.begunBy(today)).orElse(false);
        }
    }

    /** ISO 3166-1 alpha-2, upper case. */
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Constraint(validatedBy = CountryCodeValidator.class)
    public @interface CountryCode {
        String message() default "must be an ISO 3166-1 alpha-2 country code in upper case, such as KZ";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    public static class CountryCodeValidator implements ConstraintValidator<CountryCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || COUNTRIES.contains(value);
        }
    }

    /** ISO 4217 alphabetic code, upper case. */
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Constraint(validatedBy = CurrencyCodeValidator.class)
    public @interface CurrencyCode {
        String message() default "must be an ISO 4217 currency code, such as KZT or USD";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    public static class CurrencyCodeValidator implements ConstraintValidator<CurrencyCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CURRENCIES.contains(value);
        }
    }

    /** A well-formed BCP 47 language tag. */
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Constraint(validatedBy = LanguageTagValidator.class)
    public @interface LanguageTag {
        String message() default "must be a BCP 47 language tag, such as en, ru or kk";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 35 || !value.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
                return false;
            }
            try {
                new Locale.Builder().setLanguageTag(value);
                return true;
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }

    /** An absolute http or https URL. */
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Constraint(validatedBy = HttpUrlValidator.class)
    public @interface HttpUrl {
        String message() default "must be an absolute http or https URL";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class HttpUrlValidator implements ConstraintValidator<HttpUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI uri = new URI(value);
                return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        && uri.getHost() != null && !uri.getHost().isEmpty();
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
