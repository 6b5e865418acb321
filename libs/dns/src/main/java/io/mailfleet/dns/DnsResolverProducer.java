package io.mailfleet.dns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.xbill.DNS.Resolver;

import java.util.List;

/** The one {@link Resolver} a service injects for every lookup (MX, TXT, DNSBL …). */
@ApplicationScoped
public class DnsResolverProducer {

    @Produces
    @ApplicationScoped
    Resolver resolver(DnsConfig config) {
        return DnsServers.resolver(config.servers().orElse(List.of()), config.timeout());
    }
}
