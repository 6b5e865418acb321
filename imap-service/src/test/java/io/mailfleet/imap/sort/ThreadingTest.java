package io.mailfleet.imap.sort;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5256's base subject and threading algorithms, no infrastructure. */
class ThreadingTest {

    @Test
    void baseSubjectPeelsReplyAndForwardDecorations() {
        assertThat(BaseSubject.of("Re: [list] Fwd: hello (fwd)")).isEqualTo("hello");
        assertThat(BaseSubject.of("[fwd: Re: foo]")).isEqualTo("foo");
        assertThat(BaseSubject.of("Re: Re: RE:   x  y")).isEqualTo("x y");
        assertThat(BaseSubject.of("[list]")).isEqualTo("[list]");
        assertThat(BaseSubject.of("Re [blob]: reply")).isEqualTo("reply");
        assertThat(BaseSubject.of("regarding the plan")).isEqualTo("regarding the plan");
        assertThat(BaseSubject.of("=?UTF-8?Q?Re:_Gr=C3=BC=C3=9Fe?=")).isEqualTo("grüße");
        assertThat(BaseSubject.of(null)).isEmpty();
    }

    private static ThreadMessage message(int n, String id, List<String> references, String subject) {
        return new ThreadMessage(n, n, Instant.ofEpochSecond(1_000_000L + n * 60L), id, references, subject);
    }

    private static final List<ThreadMessage> MESSAGES = List.of(
            message(1, "a@x", List.of(), "hello"),
            message(2, "b@x", List.of("a@x"), "Re: hello"),
            message(3, "c@x", List.of("a@x"), "Re: hello"),
            message(4, "d@x", List.of(), "other"),
            message(5, "e@x", List.of("missing@x"), "Re: other"),
            message(6, "f@x", List.of("a@x", "c@x"), "Re: hello"),
            message(7, null, List.of(), "lonely"));

    @Test
    void referencesLinksRepliesAndGroupsOrphansBySubject() {
        // 6 answers 3 (its References end in c); 5's parent is missing, so it joins 4 by subject
        assertThat(Threads.references(MESSAGES)).isEqualTo("(1 (2)(3 6))(4 5)(7)");
    }

    @Test
    void orderedSubjectGroupsBySubjectOnly() {
        assertThat(Threads.orderedSubject(MESSAGES)).isEqualTo("(1 (2)(3)(6))(4 5)(7)");
    }

    @Test
    void referencesSurviveLoopsAndDuplicateIds() {
        List<ThreadMessage> tricky = List.of(
                message(1, "a@x", List.of("b@x"), "loop"),
                message(2, "b@x", List.of("a@x"), "Re: loop"),
                message(3, "a@x", List.of(), "duplicate id"));
        // 1 claims b as its parent first; 2 claiming a would close a loop and stays the root
        assertThat(Threads.references(tricky)).isEqualTo("(2 1)(3)");
    }
}
