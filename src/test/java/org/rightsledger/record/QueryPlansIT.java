package org.rightsledger.record;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The list, filter, search and timeline queries use indexes on a million records: EXPLAIN of
 * exactly the SQL the repository runs (RecordRepository.listSql) shows no sequential scan of
 * the record table. Runs in its own schema, after packaging (failsafe).
 */
class QueryPlansIT {

    private static final String SCHEMA = "ledger_plans_it";
    private static final String JDBC = org.rightsledger.support.PackagedService.jdbcUrl(SCHEMA);
    private static final int RECORDS = 1_000_000;
    private static final String[] TYPES = { "detention", "fine", "ruling", "bill_reading", "retraction" };
    private static final String[] COUNTRIES = { "KZ", "KG", "UZ", "TJ", "TM" };
    private static final UUID CASE = new UUID(7, 7);
    private static final UUID BILL = new UUID(8, 8);
    private static final UUID ACTOR = new UUID(9, 9);

    @BeforeAll
    static void aMillionRecords() throws Exception {
        Flyway flyway = Flyway.configure().dataSource(JDBC, "postgres", "").schemas(SCHEMA).createSchemas(true)
                .cleanDisabled(false).locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();
        Random random = new Random(42);
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "")) {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder entries = new StringBuilder();
            StringBuilder records = new StringBuilder();
            String zero = "\\\\x" + "00".repeat(32);
            for (int position = 1; position <= RECORDS; position++) {
                UUID id = UUID.randomUUID();
                entries.append(position).append('\t').append(id).append("\tfine\t{}\t").append(zero).append('\t')
                        .append(zero).append("\tf\t2026-01-01T00:00:00Z\n");
                int day = random.nextInt(9000);
                String from = java.time.LocalDate.of(2001, 1, 1).plusDays(day).toString();
                String to = java.time.LocalDate.of(2001, 1, 1).plusDays(day + random.nextInt(30)).toString();
                boolean rare = position % 10_000 == 0;
                records.append(id).append('\t').append(position).append('\t').append(TYPES[position % 5]).append('\t')
                        .append(COUNTRIES[random.nextInt(5)]).append('\t').append(from).append('\t').append(to)
                        .append('\t').append(rare ? CASE : new UUID(1, random.nextInt(50_000)))
                        .append('\t').append(rare ? BILL.toString() : "\\N")
                        .append("\t{").append(rare ? ACTOR : new UUID(2, random.nextInt(50_000))).append('}')
                        .append("\t{tag-").append(rare ? "rare" : Integer.toString(random.nextInt(200))).append('}')
                        .append('\t').append(position % 100 == 0 ? 't' : 'f').append("\t\\N\t\\N\t")
                        .append("'almaty':1 'w").append(random.nextInt(100_000)).append("':2")
                        .append(rare ? " 'needle':3" : "").append("\t\\N\t\\N\t\\N\t\\N\t").append(from, 0, 7).append('\n');
                if (position % 100_000 == 0) {
                    copy.copyIn("COPY log_entry (position, id, type, content, content_hash, hash, restricted, recorded_at)"
                            + " FROM STDIN", new StringReader(entries.toString()));
                    copy.copyIn("COPY record (id, position, type, country, occurred_from, occurred_to, case_id, bill_id,"
                            + " actor_ids, tags, restricted, supersedes, retracts, search, amount, currency,"
                            + " sentence_days, detained_count, month_key) FROM STDIN", new StringReader(records.toString()));
                    entries.setLength(0);
                    records.setLength(0);
                }
            }
            try (Statement sql = db.createStatement()) {
                sql.execute("ANALYZE record");
                sql.execute("ANALYZE log_entry");
            }
        }
    }

    static List<Map.Entry<String, RecordQuery>> queries() {
        RecordQuery all = RecordQuery.naming(null, null, null, false, 51);
        return List.of(
                Map.entry("newest first", all),
                Map.entry("a page further", all.before(500_000L)),
                Map.entry("type", new RecordQuery(RecordType.FINE, null, null, null, null, null, null, null, null, false, 51, null)),
                Map.entry("country", new RecordQuery(null, "KG", null, null, null, null, null, null, null, false, 51, null)),
                Map.entry("dates", new RecordQuery(null, null, ReducedDate.parse("2010-06").orElseThrow(),
                        ReducedDate.parse("2010-06").orElseThrow(), null, null, null, null, null, false, 51, null)),
                Map.entry("tag", new RecordQuery(null, null, null, null, null, null, null, "tag-rare", null, false, 51, null)),
                Map.entry("actor", RecordQuery.naming(ACTOR, null, null, false, 51)),
                Map.entry("case", RecordQuery.naming(null, CASE, null, false, 51)),
                Map.entry("bill", RecordQuery.naming(null, null, BILL, false, 51)),
                Map.entry("full text", new RecordQuery(null, null, null, null, null, null, null, null, "needle", false, 51, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void theQueryUsesIndexes(Map.Entry<String, RecordQuery> named) throws Exception {
        for (boolean chronological : new boolean[] { false, true }) {
            RecordRepository.Sql sql = RecordRepository.listSql(named.getValue(), false, chronological);
            if (chronological && named.getValue().caseId() == null && named.getValue().actor() == null) {
                continue; // timelines exist only for one actor, case or bill
            }
            try (Connection db = DriverManager.getConnection(JDBC, "postgres", "");
                    PreparedStatement explain = db.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.text())) {
                for (int i = 0; i < sql.params().size(); i++) {
                    explain.setObject(i + 1, sql.params().get(i));
                }
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    JsonNode root = new ObjectMapper().readTree(plan.getString(1)).get(0);
                    List<String> scans = new ArrayList<>();
                    collect(root.get("Plan"), scans);
                    System.out.printf("%-14s %s %.1f ms: %s%n", named.getKey(), chronological ? "timeline" : "list    ",
                            root.get("Execution Time").asDouble(), scans);
                    assertTrue(scans.stream().noneMatch(s -> s.startsWith("Seq Scan on record")),
                            named.getKey() + " scans the whole record table: " + scans);
                }
            }
        }
    }

    /** Not a timing assertion: the figure goes into the test output and docs/operations.md#scaling. */
    @org.junit.jupiter.api.Test
    void statsOverAMillionRecords() throws Exception {
        for (String key : new String[] { org.rightsledger.stats.StatsRepository.MONTH, "r.type", "r.country" }) {
            try (Connection db = DriverManager.getConnection(JDBC, "postgres", "");
                    PreparedStatement explain = db.prepareStatement(
                            "EXPLAIN (ANALYZE, FORMAT JSON) " + org.rightsledger.stats.StatsRepository.sql(key))) {
                explain.setBoolean(1, false);
                explain.setBoolean(2, false);
                explain.setBoolean(3, false);
                explain.setDate(4, java.sql.Date.valueOf("0001-01-01"));
                explain.setDate(5, java.sql.Date.valueOf("9999-12-31"));
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    JsonNode root = new ObjectMapper().readTree(plan.getString(1)).get(0);
                    System.out.printf("stats by %-10s over %d records: %.0f ms%n", key,
                            RECORDS, root.get("Execution Time").asDouble());
                }
            }
        }
    }

    private static void collect(JsonNode node, List<String> scans) {
        if (node.has("Relation Name")) {
            scans.add(node.get("Node Type").asText() + " on " + node.get("Relation Name").asText()
                    + (node.has("Index Name") ? " using " + node.get("Index Name").asText() : ""));
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, scans));
        }
    }
}
