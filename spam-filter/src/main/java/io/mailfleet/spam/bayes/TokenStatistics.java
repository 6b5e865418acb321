package io.mailfleet.spam.bayes;

/** What the classifier needs of a model: how many messages of each kind it learned, and in how many of them a token was. */
public interface TokenStatistics {

    /** Spam and ham counts of one token. */
    record Counts(long spam, long ham) {

        public static final Counts NONE = new Counts(0, 0);

        Counts plus(Counts other) {
            return new Counts(spam + other.spam, ham + other.ham);
        }
    }

    long spamMessages();

    long hamMessages();

    Counts counts(String token);

    /**
     * The global model and a tenant's own learning as one model: counts add up, so a tenant's corrections move the token
     * probabilities of its mail while everything it never taught still comes from the global model.
     */
    static TokenStatistics combined(TokenStatistics global, TokenStatistics tenant) {
        return new TokenStatistics() {
            @Override
            public long spamMessages() {
                return global.spamMessages() + tenant.spamMessages();
            }

            @Override
            public long hamMessages() {
                return global.hamMessages() + tenant.hamMessages();
            }

            @Override
            public Counts counts(String token) {
                return global.counts(token).plus(tenant.counts(token));
            }
        };
    }
}
