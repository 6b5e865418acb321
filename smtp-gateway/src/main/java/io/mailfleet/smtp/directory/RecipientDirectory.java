package io.mailfleet.smtp.directory;

import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.RecipientLookup;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Recipient lookups through auth-service's internal API, cached briefly (cache {@code recipients},
 * {@code quarkus.cache.caffeine.recipients.expire-after-write}) so that a burst of mail to the same
 * addresses is not a burst of HTTP calls. Failures are not cached.
 */
@ApplicationScoped
public class RecipientDirectory {

    private final DirectoryClient directory;

    public RecipientDirectory(@RestClient DirectoryClient directory) {
        this.directory = directory;
    }

    @CacheResult(cacheName = "recipients")
    public Uni<RecipientLookup> lookup(String address) {
        return directory.recipient(address);
    }
}
