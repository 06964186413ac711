package org.rightsledger.stats;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.rightsledger.access.CurrentCaller;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.record.ReducedDate;

/**
 * Figures for dashboards: per month, type or country, how many records, detentions and
 * people detained, days of detention imposed by rulings, fines and their total in US dollars.
 * Counts only what the reader may see, and only current records (not superseded or retracted).
 */
@Path("/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsRepository stats;
    private final CurrentCaller caller;

    StatsResource(StatsRepository stats, CurrentCaller caller) {
        this.stats = stats;
        this.caller = caller;
    }

    public record Group(String key, long records, long detentions, long detainedPeople, long rulings,
            long detentionDays, long fines, String fineTotalUsd, long finesWithoutRate, long billReadings) {
    }

    public record Stats(String groupBy, String from, String to, List<Group> groups) {
    }

    @PermitAll
    @GET
    public Stats stats(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String key = switch (groupBy == null ? "month" : groupBy) {
            case "month" -> StatsRepository.MONTH;
            case "type" -> "r.type";
            case "country" -> "r.country";
            default -> throw ProblemException.badParameter("groupBy", "must be month, type or country");
        };
        ReducedDate first = ReducedDate.param("from", from);
        ReducedDate last = ReducedDate.param("to", to);
        boolean canReadRestricted = caller.get().canReadRestricted();
        List<Group> groups = stats.groups(key, first == null ? LocalDate.of(1, 1, 1) : first.first(),
                last == null ? LocalDate.of(9999, 12, 31) : last.last(), canReadRestricted);
        return new Stats(groupBy == null ? "month" : groupBy, from, to, groups);
    }
}
