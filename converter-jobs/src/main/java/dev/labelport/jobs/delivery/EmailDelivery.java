package dev.labelport.jobs.delivery;

import dev.labelport.jobs.Delivery;
import dev.labelport.jobs.DeliveryReceipt;
import dev.labelport.jobs.ExportJob;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * {@code EMAIL}: stores the file through another delivery that gives a link (normally
 * {@link FileStorageDelivery}), then mails that link over SMTP (Angus Mail) to the recipients.
 * The file is never attached: exports are large, and the link expires with the store's TTL,
 * which the message says.
 *
 * <pre>{@code
 * Delivery email = EmailDelivery.builder()
 *         .smtp("smtp.example.com", 587).security(EmailDelivery.Security.STARTTLS)
 *         .login("labelport", password)
 *         .from("exports@example.com").to("ana@example.com")
 *         .link(fileStorage)
 *         .build();
 * }</pre>
 */
public final class EmailDelivery implements Delivery {
    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain SMTP (loopback or a trusted relay only). */
        NONE,
        /** SMTP upgraded with STARTTLS, which is required. */
        STARTTLS,
        /** SMTP over TLS from the first byte (port 465). */
        TLS
    }

    private final String host;
    private final int port;
    private final Security security;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final Delivery link;
    private final Duration timeout;

    private EmailDelivery(Builder b) {
        this.host = Objects.requireNonNull(b.host, "smtp host");
        this.port = b.port;
        this.security = b.security;
        this.username = b.username;
        this.password = b.password;
        this.from = Objects.requireNonNull(b.from, "from");
        if (b.to.isEmpty()) {
            throw new IllegalArgumentException("an email delivery needs at least one recipient");
        }
        this.to = List.copyOf(b.to);
        this.link = Objects.requireNonNull(b.link, "link");
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryReceipt deliver(ExportJob job, Path packagedFile) throws IOException {
        DeliveryReceipt stored = link.deliver(job, packagedFile);
        try {
            Transport.send(message(stored, packagedFile.getFileName().toString()));
        } catch (MessagingException e) {
            throw new IOException("mail to " + to + " through " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
        return new DeliveryReceipt("EMAIL", stored.location(), stored.expiresAt());
    }

    private MimeMessage message(DeliveryReceipt stored, String fileName) throws MessagingException {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        m.setSubject("Labelport export ready: " + fileName, StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setText(body(stored.location(), fileName, stored), StandardCharsets.UTF_8.name());
        return m;
    }

    private static String body(URI location, String fileName, DeliveryReceipt stored) {
        return "Your export " + fileName + " is ready.\n\n"
                + "Download: " + location + "\n"
                + (stored.expiresAt() == null ? "" : "The link expires at " + stored.expiresAt() + " (UTC).\n");
    }

    private Session session() {
        Properties p = new Properties();
        String proto = security == Security.TLS ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", proto);
        p.setProperty("mail." + proto + ".host", host);
        p.setProperty("mail." + proto + ".port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail." + proto + ".connectiontimeout", millis);
        p.setProperty("mail." + proto + ".timeout", millis);
        p.setProperty("mail." + proto + ".writetimeout", millis);
        if (security == Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (security != Security.NONE) {
            p.setProperty("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        if (username == null) {
            return Session.getInstance(p);
        }
        p.setProperty("mail." + proto + ".auth", "true");
        return Session.getInstance(p, new jakarta.mail.Authenticator() {
            @Override
            protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                return new jakarta.mail.PasswordAuthentication(username, password);
            }
        });
    }

    @Override
    public String toString() {
        return "EmailDelivery[smtp=" + host + ":" + port + ", security=" + security
                + (username == null ? "" : ", login=<redacted>") + ", to=" + to + "]";
    }

    /** Settings of an {@link EmailDelivery}; SMTP host, {@code from}, one recipient and {@code link} are required. */
    public static final class Builder {
        private String host;
        private int port = 25;
        private Security security = Security.STARTTLS;
        private String username;
        private String password;
        private InternetAddress from;
        private final List<InternetAddress> to = new ArrayList<>();
        private Delivery link;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder smtp(String host, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /** Default {@link Security#STARTTLS}. */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        public Builder login(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder from(String address) {
            this.from = address(address);
            return this;
        }

        public Builder to(String... addresses) {
            for (String a : addresses) {
                to.add(address(a));
            }
            return this;
        }

        /** The delivery that stores the file and answers with the link to mail. */
        public Builder link(Delivery link) {
            this.link = link;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public EmailDelivery build() {
            return new EmailDelivery(this);
        }

        private static InternetAddress address(String a) {
            try {
                InternetAddress parsed = new InternetAddress(a, true);
                parsed.validate();
                return parsed;
            } catch (AddressException e) {
                throw new IllegalArgumentException("not an email address: '" + a + "'", e);
            }
        }
    }
}
