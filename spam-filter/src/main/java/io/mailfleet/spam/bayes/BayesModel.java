package io.mailfleet.spam.bayes;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Token counts of the messages learned as spam and as ham (each token once per message), in memory. */
public final class BayesModel implements TokenStatistics {

    private final ConcurrentHashMap<String, long[]> tokens = new ConcurrentHashMap<>();
    private final AtomicLong spamMessages = new AtomicLong();
    private final AtomicLong hamMessages = new AtomicLong();

    public void learn(Collection<String> messageTokens, boolean spam) {
        (spam ? spamMessages : hamMessages).incrementAndGet();
        for (String token : messageTokens) {
            tokens.compute(token, (t, counts) -> {
                long[] updated = counts == null ? new long[2] : counts;
                updated[spam ? 0 : 1]++;
                return updated;
            });
        }
    }

    @Override
    public Counts counts(String token) {
        long[] counts = tokens.get(token);
        return counts == null ? Counts.NONE : new Counts(counts[0], counts[1]);
    }

    @Override
    public long spamMessages() {
        return spamMessages.get();
    }

    @Override
    public long hamMessages() {
        return hamMessages.get();
    }

    public int size() {
        return tokens.size();
    }
}
