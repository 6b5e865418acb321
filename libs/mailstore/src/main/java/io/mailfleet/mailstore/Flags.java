package io.mailfleet.mailstore;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** The flags of one message: system flags and keywords ({@code $Junk}, {@code $Forwarded}, user keywords). */
public record Flags(Set<SystemFlag> system, Set<String> keywords) {

    public static final Flags NONE = new Flags(Set.of(), Set.of());

    public Flags {
        system = system.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(system));
        keywords = Collections.unmodifiableSet(new TreeSet<>(keywords));
    }

    public static Flags of(SystemFlag... flags) {
        return new Flags(flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), Set.of());
    }

    public Flags withKeywords(Set<String> more) {
        Set<String> all = new TreeSet<>(keywords);
        all.addAll(more);
        return new Flags(system, all);
    }

    public boolean has(SystemFlag flag) {
        return system.contains(flag);
    }

    int systemBits() {
        return SystemFlag.toBits(system);
    }

    String[] keywordArray() {
        return keywords.toArray(String[]::new);
    }
}
