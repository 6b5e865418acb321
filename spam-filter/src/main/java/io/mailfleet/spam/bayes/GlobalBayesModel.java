package io.mailfleet.spam.bayes;

import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;

/**
 * The model every message is classified with. It learns the configured corpus directories at startup, off the main thread
 * (until it has enough of both kinds the classifier stays silent). It is not persisted: every replica learns the same
 * directories. What users teach goes into their tenant's model ({@link TenantBayesStore}).
 */
@ApplicationScoped
public class GlobalBayesModel {

    private static final Logger LOG = Logger.getLogger(GlobalBayesModel.class);

    private final BayesModel model = new BayesModel();
    private final SpamFilterConfig.Bayes config;
    private final MessageContentParser parser;

    @Inject
    public GlobalBayesModel(SpamFilterConfig config) {
        this(config.bayes(), new MessageContentParser(config.content().maxTextBytes(), config.content().maxArchiveBytes()));
    }

    public GlobalBayesModel(SpamFilterConfig.Bayes config, MessageContentParser parser) {
        this.config = config;
        this.parser = parser;
    }

    void train(@Observes StartupEvent start) {
        if (config.trainHam().isEmpty() && config.trainSpam().isEmpty()) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                learn(config.trainHam().orElse(List.of()), false);
                learn(config.trainSpam().orElse(List.of()), true);
                LOG.infof("Bayes model learned %d ham and %d spam messages (%d tokens)", model.hamMessages(), model.spamMessages(), model.size());
            } catch (RuntimeException e) {
                LOG.errorf("Bayes training failed: %s", e.getMessage());
            }
        });
    }

    public void learn(List<Path> directories, boolean spam) {
        Corpus.files(directories).parallelStream().forEach(file -> learn(Corpus.read(file), spam));
    }

    public void learn(byte[] message, boolean spam) {
        model.learn(tokens(message), spam);
    }

    /** The classifier's features of a raw message. */
    public java.util.Set<String> tokens(byte[] message) {
        return Tokenizer.tokens(RawMessage.parse(message), parser.parse(message));
    }

    public BayesModel model() {
        return model;
    }

    public int minMessages() {
        return config.minMessages();
    }
}
