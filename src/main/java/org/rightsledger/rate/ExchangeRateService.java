package org.rightsledger.rate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.EntryDraft;
import org.rightsledger.ledger.HashedDraft;
import org.rightsledger.ledger.Ledger;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.rate.ExchangeRateRepository.RateRow;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Exchange rates are log entries too; a later entry for the same currency and day wins. */
@ApplicationScoped
public class ExchangeRateService {

    private final Ledger ledger;
    private final ExchangeRateRepository rates;
    private final ObjectMapper json;

    ExchangeRateService(Ledger ledger, ExchangeRateRepository rates, ObjectMapper json) {
        this.ledger = ledger;
        this.rates = rates;
        this.json = json;
    }

    public LogEntry create(ExchangeRateDraft rate, String partner) {
        check(rate);
        return ledger.append(append(UUID.randomUUID(), rate, partner)).entry();
    }

    /** The checks beyond the draft's own constraints; pointers relative to the body. */
    public void check(ExchangeRateDraft rate) {
        if (new BigDecimal(rate.usdPerUnit()).signum() <= 0) {
            throw ProblemException.invalid("/usdPerUnit", "must be more than 0");
        }
        if ("USD".equals(rate.currency())) {
            throw ProblemException.invalid("/currency", "a rate converts another currency to USD");
        }
    }

    /** What the ledger appends for a rate (checked before, {@link #check}): its entry and its projection row. */
    public Append append(UUID id, ExchangeRateDraft rate, String partner) {
        HashedDraft entry = HashedDraft.of(EntryDraft.of(id, "exchange_rate", json.valueToTree(rate), false, partner));
        return Append.of(entry, List.of(new Append.Row<>(ExchangeRateRepository.RATES, new RateRow(id, rate))));
    }

    /** Rate entries, newest entry first. */
    public List<LogEntry> list(String currency, LocalDate from, LocalDate to, Long beforePosition, int limit) {
        return rates.list(currency, from, to, beforePosition, limit);
    }
}
