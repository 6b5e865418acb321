package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.SmtpConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Asks DNS blocklists about a client IP (RFC 5782: reversed octets/nibbles under the zone, an A record
 * in 127.0.0.0/8 means listed). Lookups go through the platform's resolver (MAILFLEET_DNS_SERVERS),
 * asynchronously, with a timeout after which the client counts as not listed; answers are cached in Redis.
 */
@ApplicationScoped
public class DnsblLookup {

    private static final Logger LOG = Logger.getLogger(DnsblLookup.class);
    private static final String NOT_LISTED = "-";

    private final Resolver resolver;
    private final ReactiveValueCommands<String, String> cache;
    private final SmtpConfig.Dnsbl config;

    public DnsblLookup(Resolver resolver, ReactiveRedisDataSource redis, SmtpConfig smtp) {
        this.resolver = resolver;
        this.cache = redis.value(String.class);
        this.config = smtp.policy().dnsbl();
    }

    /** The first zone listing {@code ip}, or empty. */
    public Uni<Optional<String>> listedIn(String ip) {
        String key = "smtp:dnsbl:" + ip;
        return cache.get(key)
                .onFailure().recoverWithNull()
                .flatMap(cached -> cached != null
                        ? Uni.createFrom().item(cached.equals(NOT_LISTED) ? Optional.<String>empty() : Optional.of(cached))
                        : lookUp(ip).call(zone -> cache.setex(key, config.cacheTtl().toSeconds(), zone.orElse(NOT_LISTED))
                                .onFailure().recoverWithNull()));
    }

    private Uni<Optional<String>> lookUp(String ip) {
        String reversed;
        try {
            reversed = reverse(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<Uni<Optional<String>>> queries = config.zones().stream().map(zone -> query(reversed, zone)).toList();
        return Uni.join().all(queries).andCollectFailures()
                .map(answers -> answers.stream().flatMap(Optional::stream).findFirst())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("DNSBL lookup for %s failed: %s", ip, failure.toString());
                    return Optional.empty();
                });
    }

    private Uni<Optional<String>> query(String reversed, String zone) {
        Name name;
        try {
            name = Name.fromString(reversed + "." + zone + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        Message question = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(question))
                .map(answer -> listed(answer) ? Optional.of(zone) : Optional.<String>empty())
                // each zone on its own clock, so one dead list does not hide another's answer
                .ifNoItem().after(config.timeout()).recoverWithItem(Optional.empty())
                .onFailure().recoverWithItem(Optional.empty());
    }

    /** 127.0.0.0/8 answers mean listed, except 127.255.255.0/24, which are the list's error codes (e.g. refused resolver). */
    private static boolean listed(Message answer) {
        if (answer.getRcode() != Rcode.NOERROR) {
            return false;
        }
        return answer.getSection(Section.ANSWER).stream()
                .filter(ARecord.class::isInstance)
                .map(record -> ((ARecord) record).getAddress().getAddress())
                .anyMatch(a -> a[0] == 127 && !(a[1] == (byte) 255 && a[2] == (byte) 255));
    }

    static String reverse(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder out = new StringBuilder();
        if (bytes.length == 4) {
            for (int i = 3; i >= 0; i--) {
                out.append(bytes[i] & 0xff).append(i > 0 ? "." : "");
            }
        } else {
            for (int i = bytes.length - 1; i >= 0; i--) {
                out.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.')
                        .append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append(i > 0 ? "." : "");
            }
        }
        return out.toString();
    }
}
