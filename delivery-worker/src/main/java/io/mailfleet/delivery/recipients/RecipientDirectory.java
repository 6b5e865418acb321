package io.mailfleet.delivery.recipients;

import io.mailfleet.directory.DirectoryClient;
import io.mailfleet.directory.RecipientLookup;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Locale;

/**
 * auth-service's recipient lookup, cached (quarkus.cache.caffeine."directory-recipients") so a burst
 * of mail for one address is one lookup per TTL. Failed lookups are not cached.
 */
@ApplicationScoped
public class RecipientDirectory {

    private final DirectoryClient directory;

    RecipientDirectory(@RestClient DirectoryClient directory) {
        this.directory = directory;
    }

    @CacheResult(cacheName = "directory-recipients")
    public Uni<RecipientLookup> lookup(String address) {
        return directory.recipient(address.toLowerCase(Locale.ROOT));
    }
}
