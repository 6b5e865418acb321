package io.mailfleet.smtp.protocol;

/** RFC 3461 4 xtext, the encoding of ENVID and ORCPT values: printable ASCII except '+' and '=', and {@code +XX}. */
public final class XText {

    private XText() {
    }

    public static boolean valid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !hex(value.charAt(i + 1)) || !hex(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 0x21 || c > 0x7e || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
