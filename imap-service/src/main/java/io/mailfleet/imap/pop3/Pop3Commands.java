package io.mailfleet.imap.pop3;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.imap.auth.Authenticator;
import io.mailfleet.sasl.SaslCredentials;
import io.mailfleet.sasl.SaslMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The POP3 commands (RFC 1939, CAPA and response codes of RFC 2449, STLS of RFC 2595, AUTH of RFC 5034)
 * over INBOX. Authentication needs TLS; DELE only marks, QUIT applies the marks, a dropped
 * connection applies nothing.
 */
@ApplicationScoped
public class Pop3Commands {

    private static final Logger LOG = Logger.getLogger(Pop3Commands.class);
    /** The SASL mechanisms offered after TLS (CAPA's SASL line, AUTH without argument). */
    private static final String MECHANISMS = "PLAIN OAUTHBEARER XOAUTH2";

    private final Authenticator authenticator;
    private final Pop3Maildrop maildrop;
    private final ImapConfig config;

    Pop3Commands(Authenticator authenticator, Pop3Maildrop maildrop, ImapConfig config) {
        this.authenticator = authenticator;
        this.maildrop = maildrop;
        this.config = config;
    }

    Uni<Void> handle(String line, Pop3Session session, Pop3Channel out) {
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        List<String> args = argument.isEmpty() ? List.of() : List.of(argument.split(" ", -1));
        try {
            return switch (session.state) {
                case AUTHORIZATION -> authorization(command, argument, session, out);
                case TRANSACTION -> transaction(command, args, session, out);
                case UPDATE -> Uni.createFrom().voidItem();
            };
        } catch (NumberFormatException e) {
            out.write("-ERR invalid message number\r\n");
            return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> authorization(String command, String argument, Pop3Session session, Pop3Channel out) {
        switch (command) {
            case "CAPA" -> capa(session, out);
            case "NOOP" -> out.write("+OK\r\n");
            case "QUIT" -> {
                out.write("+OK bye\r\n");
                out.closeAfterResponse();
            }
            case "STLS" -> {
                if (out.secure()) {
                    out.write("-ERR TLS is already active\r\n");
                } else {
                    out.write("+OK begin TLS negotiation\r\n");
                    out.startTlsAfterResponse();
                }
            }
            case "USER" -> {
                if (!out.secure()) {
                    out.write("-ERR [AUTH] plain text authentication needs STLS first\r\n");
                } else if (argument.isEmpty()) {
                    out.write("-ERR USER needs a name\r\n");
                } else {
                    session.username = argument;
                    out.write("+OK send PASS\r\n");
                }
            }
            case "PASS" -> {
                if (session.username == null) {
                    out.write("-ERR USER first\r\n");
                    return Uni.createFrom().voidItem();
                }
                String username = session.username;
                session.username = null;
                return login(session, username, argument, "LOGIN", out);
            }
            case "AUTH" -> {
                return auth(argument, session, out);
            }
            default -> out.write("-ERR unknown command or not valid before login\r\n");
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> auth(String argument, Pop3Session session, Pop3Channel out) {
        if (argument.isEmpty()) {
            out.write("+OK\r\n" + MECHANISMS.replace(" ", "\r\n") + "\r\n.\r\n");
            return Uni.createFrom().voidItem();
        }
        String[] parts = argument.split(" ", 2);
        Optional<SaslMechanism> offered = SaslMechanism.of(parts[0]).filter(m -> m != SaslMechanism.LOGIN);
        if (offered.isEmpty()) {
            out.write("-ERR unsupported mechanism\r\n");
            return Uni.createFrom().voidItem();
        }
        if (!out.secure()) {
            out.write("-ERR [AUTH] authentication needs STLS first\r\n");
            return Uni.createFrom().voidItem();
        }
        Uni<String> response = parts.length == 2 ? Uni.createFrom().item(parts[1]) : clientResponse(out, "");
        return response.chain(line -> {
            if (line.equals("*")) {
                out.write("-ERR authentication cancelled\r\n");
                return Uni.createFrom().voidItem();
            }
            SaslMechanism mechanism = offered.get();
            Optional<SaslCredentials> decoded = SaslCredentials.decode(line).flatMap(mechanism::credentials);
            if (decoded.isEmpty()) {
                out.write("-ERR invalid SASL " + mechanism + " response\r\n");
                return Uni.createFrom().voidItem();
            }
            SaslCredentials credentials = decoded.get();
            if (mechanism.bearer()) {
                // RFC 7628 3.2.2: a refused token gets the error challenge, the client's dummy answer, then -ERR
                return login(session, credentials.username(), credentials.secret(), mechanism.name(), out,
                        () -> clientResponse(out, SaslCredentials.bearerErrorChallenge()).replaceWithVoid());
            }
            if (credentials.impersonates()) {
                out.write("-ERR [AUTH] acting as another user is not allowed\r\n");
                return Uni.createFrom().voidItem();
            }
            return login(session, credentials.username(), credentials.secret(), "PLAIN", out);
        });
    }

    private static Uni<String> clientResponse(Pop3Channel out, String challenge) {
        return Uni.createFrom().emitter(emitter -> {
            out.write("+ " + challenge + "\r\n");
            out.expectSaslResponse(emitter::complete);
        });
    }

    private Uni<Void> login(Pop3Session session, String username, String secret, String mechanism, Pop3Channel out) {
        return login(session, username, secret, mechanism, out, () -> Uni.createFrom().voidItem());
    }

    private Uni<Void> login(Pop3Session session, String username, String secret, String mechanism, Pop3Channel out,
                            Supplier<Uni<Void>> beforeRefusal) {
        return authenticator.authenticate(username, secret, mechanism, "pop3", session.clientIp).chain(result -> {
            switch (result.outcome()) {
                case OK -> {
                    String accountId = result.detail().accountId();
                    return maildrop.open(accountId).invoke(snapshot -> {
                        session.accountId = accountId;
                        session.maildrop = snapshot;
                        session.state = Pop3Session.State.TRANSACTION;
                        out.write("+OK " + session.count() + " messages (" + session.size() + " octets)\r\n");
                    }).replaceWithVoid();
                }
                case LOCKED, UNAVAILABLE -> out.write("-ERR [SYS/TEMP] authentication is temporarily unavailable, try later\r\n");
                default -> {
                    return beforeRefusal.get().invoke(() -> refused(session, out));
                }
            }
            return Uni.createFrom().voidItem();
        });
    }

    private void refused(Pop3Session session, Pop3Channel out) {
        if (++session.authFailures >= config.limits().maxAuthFailures()) {
            out.write("-ERR [AUTH] invalid credentials; too many failures\r\n");
            out.closeAfterResponse();
        } else {
            out.write("-ERR [AUTH] invalid credentials\r\n");
        }
    }

    private Uni<Void> transaction(String command, List<String> args, Pop3Session session, Pop3Channel out) {
        switch (command) {
            case "CAPA" -> capa(session, out);
            case "NOOP" -> out.write("+OK\r\n");
            case "STAT" -> out.write("+OK " + session.count() + " " + session.size() + "\r\n");
            case "LIST" -> listing(args, session, out, false);
            case "UIDL" -> listing(args, session, out, true);
            case "DELE" -> {
                Pop3Maildrop.Entry entry = oneMessage(args, session, out);
                if (entry != null) {
                    session.deleted.set(Integer.parseInt(args.get(0)) - 1);
                    out.write("+OK message deleted\r\n");
                }
            }
            case "RSET" -> {
                session.deleted.clear();
                out.write("+OK " + session.count() + " messages\r\n");
            }
            case "RETR" -> {
                Pop3Maildrop.Entry entry = oneMessage(args, session, out);
                if (entry != null) {
                    return send(session, entry, -1, out);
                }
            }
            case "TOP" -> {
                if (args.size() != 2 || Integer.parseInt(args.get(1)) < 0) {
                    out.write("-ERR usage: TOP message lines\r\n");
                    return Uni.createFrom().voidItem();
                }
                Pop3Maildrop.Entry entry = oneMessage(args.subList(0, 1), session, out);
                if (entry != null) {
                    return send(session, entry, Integer.parseInt(args.get(1)), out);
                }
            }
            case "QUIT" -> {
                session.state = Pop3Session.State.UPDATE;
                List<Long> uids = new ArrayList<>();
                session.deleted.stream().forEach(i -> uids.add(session.maildrop.entries().get(i).uid()));
                return maildrop.delete(session.accountId, session.maildrop, uids)
                        .invoke(count -> {
                            out.write("+OK bye, " + count + " messages deleted\r\n");
                            out.closeAfterResponse();
                        })
                        .onFailure().invoke(failure -> {
                            LOG.error("POP3 deletions failed", failure);
                            out.write("-ERR [SYS/TEMP] some deleted messages not removed\r\n");
                            out.closeAfterResponse();
                        })
                        .onFailure().recoverWithNull()
                        .replaceWithVoid();
            }
            default -> out.write("-ERR unknown command\r\n");
        }
        return Uni.createFrom().voidItem();
    }

    private void listing(List<String> args, Pop3Session session, Pop3Channel out, boolean uidl) {
        if (!args.isEmpty()) {
            Pop3Maildrop.Entry entry = oneMessage(args, session, out);
            if (entry != null) {
                out.write("+OK " + args.get(0) + " " + (uidl ? uniqueId(session, entry) : String.valueOf(entry.size())) + "\r\n");
            }
            return;
        }
        StringBuilder response = new StringBuilder("+OK\r\n");
        for (int i = 1; i <= session.maildrop.entries().size(); i++) {
            Pop3Maildrop.Entry entry = session.message(i);
            if (entry != null) {
                response.append(i).append(' ').append(uidl ? uniqueId(session, entry) : String.valueOf(entry.size())).append("\r\n");
            }
        }
        out.write(response.append(".\r\n").toString());
    }

    private static String uniqueId(Pop3Session session, Pop3Maildrop.Entry entry) {
        return session.maildrop.uidValidity() + "." + entry.uid();
    }

    private static Pop3Maildrop.Entry oneMessage(List<String> args, Pop3Session session, Pop3Channel out) {
        if (args.size() != 1) {
            out.write("-ERR expected one message number\r\n");
            return null;
        }
        Pop3Maildrop.Entry entry = session.message(Integer.parseInt(args.get(0)));
        if (entry == null) {
            out.write("-ERR no such message\r\n");
        }
        return entry;
    }

    /** RETR (lines = -1) or TOP: the message dot-stuffed, ending with CRLF.CRLF. */
    private Uni<Void> send(Pop3Session session, Pop3Maildrop.Entry entry, int lines, Pop3Channel out) {
        return maildrop.content(session.accountId, session.maildrop, entry).chain(found -> {
            if (found.isEmpty()) {
                out.write("-ERR message was removed by another session\r\n");
                return Uni.createFrom().voidItem();
            }
            out.write("+OK " + entry.size() + " octets\r\n");
            out.write(dotStuffed(found.get(), lines));
            return out.drained();
        });
    }

    /** Dot-stuffs every line starting with '.', normalises line ends to CRLF, and appends the terminator. */
    static byte[] dotStuffed(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        boolean inBody = false;
        int bodyLinesSent = 0;
        int i = 0;
        while (i < message.length) {
            if (lineStart) {
                if (inBody && bodyLines >= 0 && bodyLinesSent >= bodyLines) {
                    break;
                }
                if (message[i] == '.') {
                    out.write('.');
                }
            }
            int end = i;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int contentEnd = end > i && message[end - 1] == '\r' ? end - 1 : end;
            boolean emptyLine = contentEnd == i;
            out.write(message, i, contentEnd - i);
            out.write('\r');
            out.write('\n');
            if (inBody) {
                bodyLinesSent++;
            } else if (emptyLine) {
                inBody = true;
            }
            i = end + 1;
            lineStart = true;
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static void capa(Pop3Session session, Pop3Channel out) {
        StringBuilder capa = new StringBuilder("+OK capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n");
        if (session.state == Pop3Session.State.AUTHORIZATION) {
            if (out.secure()) {
                capa.append("USER\r\nSASL " + MECHANISMS + "\r\n");
            } else {
                capa.append("STLS\r\n");
            }
        }
        capa.append("IMPLEMENTATION Mailfleet\r\n.\r\n");
        out.write(capa.toString());
    }
}
