package org.rightsledger.record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.rightsledger.log.EntryJson;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.LogRepository;


/**
 * An entry with what is known of it after the fact: the entries that corrected or retracted
 * it and, for a fine, the exchange rate that converts it to US dollars.
 */
public record RecordRow(LogEntry entry, UUID supersededBy, UUID retractedBy, Fine fine) {

    /** The latest rate on or before the last day of a fine's occurredOn period; the newest entry wins a day. */
    public static final String RATE_JOIN = """
            LEFT JOIN LATERAL (SELECT x.usd_per_unit, x.date, x.source FROM exchange_rate x
                                WHERE x.currency = r.currency AND x.date <= r.occurred_to
                                ORDER BY x.date DESC, x.position DESC LIMIT 1) rate ON true
            """;
    public static final String RATE_COLUMNS = "r.amount, r.currency, rate.usd_per_unit, rate.date AS rate_date, "
            + "rate.source AS rate_source";

    /** USD equivalents are rounded half-even to the cent. */
    public static final int USD_SCALE = 2;

    /** A fine's amount and the rate found for it (rate fields null when there is none). */
    public record Fine(BigDecimal amount, String currency, BigDecimal usdPerUnit, LocalDate rateDate, String rateSource) {
    }

    public RecordRow(LogEntry entry) {
        this(entry, null, null, null);
    }

    public static RecordRow from(ResultSet rows) throws SQLException {
        BigDecimal amount = rows.getBigDecimal("amount");
        Fine fine = amount == null ? null
                : new Fine(amount, rows.getString("currency"), rows.getBigDecimal("usd_per_unit"),
                        rows.getObject("rate_date", LocalDate.class), rows.getString("rate_source"));
        return new RecordRow(LogRepository.entry(rows), rows.getObject("superseded_by", UUID.class),
                rows.getObject("retracted_by", UUID.class), fine);
    }

    /** The entry as served to a reader ({@link EntryJson}). */
    public String json(boolean canReadRestricted) {
        return EntryJson.of(entry, derived(), canReadRestricted);
    }

    /** What is computed after the fact, as JSON text; not hashed. Written by hand: it is on every read's path. */
    public String derived() {
        StringBuilder derived = new StringBuilder(64).append('{');
        if (supersededBy != null) {
            member(derived, "supersededBy").append('"').append(supersededBy).append('"');
        }
        if (retractedBy != null) {
            member(derived, "retracted").append("true");
            member(derived, "retractedBy").append('"').append(retractedBy).append('"');
        }
        if (fine != null) {
            String amount = null;
            String rate = null;
            if ("USD".equals(fine.currency())) {
                amount = fine.amount().setScale(USD_SCALE, RoundingMode.HALF_EVEN).toPlainString();
                rate = "1";
            } else if (fine.usdPerUnit() != null) {
                amount = fine.amount().multiply(fine.usdPerUnit()).setScale(USD_SCALE, RoundingMode.HALF_EVEN)
                        .toPlainString();
                rate = fine.usdPerUnit().stripTrailingZeros().toPlainString();
            }
            if (amount != null) {
                member(derived, "usdEquivalent").append("{\"amount\":").append(string(amount))
                        .append(",\"currency\":\"USD\",\"rate\":").append(string(rate));
                if (!"USD".equals(fine.currency())) {
                    derived.append(",\"rateDate\":").append(string(fine.rateDate().toString()))
                            .append(",\"rateSource\":").append(string(fine.rateSource()));
                }
                derived.append(",\"rounding\":\"half-even to the cent\"}");
            }
        }
        return derived.append('}').toString();
    }

    private static StringBuilder member(StringBuilder json, String name) {
        return json.append(json.length() == 1 ? "\"" : ",\"").append(name).append("\":");
    }

    private static String string(String value) {
        return value == null ? "null" : EntryJson.quote(value);
    }
}
