package io.mailfleet.smtp.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathArgumentTest {

    @Test
    void parsesAddressAndParameters() {
        PathArgument path = PathArgument.parse("FROM:<a.b+c@example.com> size=10 BODY=8BITMIME SMTPUTF8", "FROM:", true).orElseThrow();
        assertEquals("a.b+c@example.com", path.address());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SIZE", "10");
        expected.put("BODY", "8BITMIME");
        expected.put("SMTPUTF8", null);
        assertEquals(expected, path.parameters());
        assertTrue(path.ascii());
    }

    @Test
    void acceptsNullSenderSourceRouteQuotedLocalPartAndLiteral() {
        assertEquals("", PathArgument.parse("FROM:<>", "FROM:", true).orElseThrow().address());
        assertEquals("x@y.example", PathArgument.parse("TO:<@relay.example,@b.example:x@y.example>", "TO:", false).orElseThrow().address());
        assertEquals("\"a>b c\"@example.com", PathArgument.parse("to: <\"a>b c\"@example.com>", "TO:", false).orElseThrow().address());
        assertEquals("x@[192.0.2.1]", PathArgument.parse("TO:<x@[192.0.2.1]>", "TO:", false).orElseThrow().address());
    }

    @Test
    void utf8AddressIsNotAscii() {
        PathArgument path = PathArgument.parse("TO:<jürgen@bücher.example>", "TO:", false).orElseThrow();
        assertFalse(path.ascii());
        assertEquals("jürgen@bücher.example", path.address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TO:<>", "TO:x@y.example", "TO:<x@y.example", "TO:<x@@y.example>", "TO:<x@-y.example>",
            "TO:<x y@z.example>", "TO:<x@y.example>SIZE=1", "TO:<x@y.example> SIZE=1 SIZE=2", "TO:<a..b@y.example>",
            "FROM:<x@y.example>"})
    void refusesBadSyntax(String argument) {
        assertTrue(PathArgument.parse(argument, "TO:", false).isEmpty(), argument);
    }

    @Test
    void refusesOverlongLocalPart() {
        assertTrue(PathArgument.parse("TO:<" + "a".repeat(65) + "@example.com>", "TO:", false).isEmpty());
        assertTrue(PathArgument.parse("TO:<" + "a".repeat(64) + "@example.com>", "TO:", false).isPresent());
    }
}
