package dev.labelport.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.labelport.jobs.DeliveryReceipt;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mails the download link to a GreenMail SMTP server on loopback. */
class EmailDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    private EmailDelivery.Builder email(FileStorageDelivery store) {
        return EmailDelivery.builder().smtp("127.0.0.1", MAIL.getSmtp().getPort())
                .security(EmailDelivery.Security.NONE)
                .from("exports@labelport.test").to("ana@example.test", "bo@example.test").link(store);
    }

    @Test
    void theLinkIsMailedToEveryRecipient() throws Exception {
        FileStorageDelivery store = FileStorageDelivery.builder().root(dir.resolve("store"))
                .baseUri(URI.create("http://127.0.0.1:8080")).build();
        UUID uid = UUID.randomUUID();
        Path packaged = Files.writeString(dir.resolve("export.zip"), "zip");

        DeliveryReceipt receipt = email(store).build().deliver(Jobs.job(uid), packaged);

        assertEquals("EMAIL", receipt.method());
        MimeMessage[] messages = MAIL.getReceivedMessages();
        assertEquals(2, messages.length);
        String body = GreenMailUtil.getBody(messages[0]);
        assertTrue(body.contains("http://127.0.0.1:8080/api/v1/exports/" + uid + "/download"), body);
        assertTrue(body.contains("expires at " + receipt.expiresAt()), body);
        assertEquals("Labelport export ready: export.zip", messages[0].getSubject());
        assertEquals("exports@labelport.test", messages[0].getFrom()[0].toString());
    }

    @Test
    void anUnreachableServerFailsAndKeepsTheStoredFile() throws IOException {
        FileStorageDelivery store = FileStorageDelivery.builder().root(dir.resolve("store")).build();
        UUID uid = UUID.randomUUID();
        Path packaged = Files.writeString(dir.resolve("export.zip"), "zip");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailDelivery broken = email(store).smtp("127.0.0.1", closedPort).login("user", "hunter2-secret").build();
        IOException e = assertThrows(IOException.class, () -> broken.deliver(Jobs.job(uid), packaged));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertFalse(broken.toString().contains("hunter2-secret"));
        assertTrue(Files.exists(packaged));
        assertTrue(store.lookup(uid) instanceof FileStorageDelivery.Lookup.Ready, "the link still works");
    }

    @Test
    void addressesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> EmailDelivery.builder().to("not an address"));
        assertThrows(IllegalArgumentException.class, () -> EmailDelivery.builder().smtp("h", 0));
    }
}
