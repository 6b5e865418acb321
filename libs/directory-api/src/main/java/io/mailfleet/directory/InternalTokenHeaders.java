package io.mailfleet.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import java.util.Optional;

/** Adds the shared service token ({@code MAILFLEET_INTERNAL_TOKEN}) to calls to the internal API. */
@ApplicationScoped
public class InternalTokenHeaders implements ClientHeadersFactory {

    @ConfigProperty(name = "mailfleet.internal.token")
    Optional<String> token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        token.ifPresent(value -> headers.add("Authorization", "Bearer " + value));
        return headers;
    }
}
