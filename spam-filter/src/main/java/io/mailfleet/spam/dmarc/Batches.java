package io.mailfleet.spam.dmarc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Repeats a bounded DELETE until it comes back short. */
final class Batches {

    private Batches() {
    }

    /** Runs {@code delete} (which removes at most {@code batch} rows) until it removes fewer; the total removed. */
    static Uni<Long> repeat(int batch, Supplier<Uni<RowSet<Row>>> delete) {
        return Multi.createBy().repeating().uni(() -> delete.get().map(RowSet::rowCount))
                .whilst(deleted -> deleted >= batch)
                .collect().with(Collectors.summingLong(Integer::longValue));
    }
}
