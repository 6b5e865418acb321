package io.mailfleet.spam.reputation;

import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.Optional;

/**
 * One RFC 5782 blocklist query ({@code <reversed-ip or domain>.<zone>} A), cached in Redis so that every replica shares the
 * answers. A lost Redis only costs the cache; a silent list is a temperror, never "listed".
 */
@ApplicationScoped
public class BlocklistLookup {

    static final String CLEAN = "-";
    static final String KEY_PREFIX = "spam:dnsbl:";

    /** Listed (with the 127.x code the list answered), not listed, or no answer in time. */
    public record Answer(Status status, String code) {
        public enum Status { LISTED, CLEAN, TEMPERROR }
    }

    private final DnsLookup dns;
    private final ReactiveValueCommands<String, String> cache;
    private final SpamFilterConfig.Dnsbl config;

    public BlocklistLookup(DnsLookup dns, ReactiveRedisDataSource redis, SpamFilterConfig config) {
        this.dns = dns;
        this.cache = redis.value(String.class);
        this.config = config.dnsbl();
    }

    public Uni<Answer> query(String item, String zone) {
        String key = KEY_PREFIX + zone + ":" + item;
        return cache.get(key)
                .ifNoItem().after(config.timeout()).recoverWithItem(() -> null)
                .onFailure().recoverWithNull()
                .flatMap(cached -> cached != null
                        ? Uni.createFrom().item(cached.equals(CLEAN) ? new Answer(Answer.Status.CLEAN, null) : new Answer(Answer.Status.LISTED, cached))
                        : lookUp(item, zone).call(answer -> answer.status() == Answer.Status.TEMPERROR
                                ? Uni.createFrom().voidItem()
                                : cache.setex(key, config.cacheTtl().toSeconds(), answer.status() == Answer.Status.LISTED ? answer.code() : CLEAN)
                                        .onFailure().recoverWithNull()));
    }

    private Uni<Answer> lookUp(String item, String zone) {
        Name name;
        try {
            name = Name.fromString(item + "." + zone + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().item(new Answer(Answer.Status.CLEAN, null));
        }
        return dns.query(name, Type.A)
                .map(answer -> {
                    Optional<String> code = answer.recordsOf(ARecord.class).stream()
                            .map(a -> a.getAddress().getAddress())
                            // 127.255.255.0/24 are the lists' error codes (e.g. "query via public resolver refused")
                            .filter(a -> a[0] == 127 && !(a[1] == (byte) 255 && a[2] == (byte) 255))
                            .map(a -> (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff))
                            .findFirst();
                    return code.map(c -> new Answer(Answer.Status.LISTED, c)).orElse(new Answer(Answer.Status.CLEAN, null));
                })
                .ifNoItem().after(config.timeout()).failWith(() -> new DnsTemporaryException("no answer from " + zone))
                .onFailure(f -> f instanceof DnsTemporaryException || f instanceof TimeoutException)
                .recoverWithItem(new Answer(Answer.Status.TEMPERROR, null));
    }
}
