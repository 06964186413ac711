package org.rightsledger.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Where webhooks may go. Names resolve through a fixed table here (the policy's resolver), so
 * the tests need no DNS and show the rebinding case: a name that resolves somewhere else later.
 */
class TargetPolicyTest {

    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.org", new String[] { "93.184.215.14" },
            "dual.example.org", new String[] { "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c" },
            "sneaky.example.org", new String[] { "93.184.215.14", "10.0.0.7" },
            "metadata.example.org", new String[] { "169.254.169.254" },
            "localhost", new String[] { "127.0.0.1", "::1" });

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                return new InetAddress[] { InetAddress.getByName(host) }; // a literal
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }

    private static final TargetPolicy STRICT = new TargetPolicy(false, TargetPolicyTest::lookup);
    private static final TargetPolicy OPEN = new TargetPolicy(true, TargetPolicyTest::lookup);

    private static String refusal(TargetPolicy policy, String url) {
        return assertThrows(TargetPolicy.Refused.class, () -> policy.check(url), url).getMessage();
    }

    @Test
    void publicHttpAndHttpsTargetsAreAccepted() throws Exception {
        for (String url : List.of("https://hooks.example.org/rights-ledger", "http://hooks.example.org:8080/x?y=1",
                "https://dual.example.org/", "https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/h",
                "HTTPS://hooks.example.org/")) {
            assertNotNull(STRICT.check(url), url);
        }
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAndNoCredentials() {
        for (String url : List.of("ftp://hooks.example.org/", "file:///etc/passwd", "gopher://hooks.example.org/",
                "javascript:alert(1)", "hooks.example.org/hook", "/relative", "https:///nohost", "https://",
                "https://user:pass@hooks.example.org/", "https://hooks.example.org/#fragment", "https://hooks.example.org:0/",
                "https://hooks.example.org:99999/", "http://[::1", "https://exa mple.org/", "https://" + "a".repeat(2050))) {
            refusal(OPEN, url); // not even with private targets allowed
        }
    }

    @Test
    void loopbackPrivateLinkLocalCgnatUniqueLocalAndMetadataAddressesAreRefused() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("http://127.0.0.1/", "loopback"),
                Map.entry("http://127.8.9.10:8080/", "loopback"),
                Map.entry("http://localhost/", "loopback"),
                Map.entry("http://[::1]/", "loopback"),
                Map.entry("http://0.0.0.0/", "this network"),
                Map.entry("http://[::]/", "unspecified"),
                Map.entry("http://10.1.2.3/", "private"),
                Map.entry("http://172.16.0.1/", "private"),
                Map.entry("http://172.31.255.255/", "private"),
                Map.entry("http://192.168.1.1/", "private"),
                Map.entry("http://169.254.169.254/latest/meta-data/", "metadata"),
                Map.entry("http://metadata.example.org/", "link-local"),
                Map.entry("http://100.64.0.1/", "carrier-grade NAT"),
                Map.entry("http://100.100.100.200/", "carrier-grade NAT"),
                Map.entry("http://[fd00:ec2::254]/", "unique-local"),
                Map.entry("http://[fc00::1]/", "unique-local"),
                Map.entry("http://[fe80::1]/", "link-local"),
                Map.entry("http://224.0.0.1/", "multicast"),
                Map.entry("http://255.255.255.255/", "reserved"),
                Map.entry("http://198.18.0.1/", "benchmarking"),
                Map.entry("http://192.0.2.1/", "documentation"),
                // IPv6 spellings of IPv4 addresses
                Map.entry("http://[::ffff:127.0.0.1]/", "loopback"),
                Map.entry("http://[::ffff:a9fe:a9fe]/", "link-local"),
                Map.entry("http://[64:ff9b::a00:1]/", "private"),
                Map.entry("http://[2002:7f00:1::]/", "loopback"),
                Map.entry("http://[::127.0.0.1]/", "loopback"));
        refused.forEach((url, why) -> {
            String message = refusal(STRICT, url);
            assertTrue(message.contains(why), url + ": " + message);
        });
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsNotPublic() {
        assertTrue(refusal(STRICT, "https://sneaky.example.org/").contains("10.0.0.7"));
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertTrue(refusal(STRICT, "https://nowhere.invalid/").contains("does not resolve"));
        assertTrue(refusal(OPEN, "https://nowhere.invalid/").contains("does not resolve"));
    }

    @Test
    void allowingPrivateTargetsLiftsOnlyTheAddressRules() throws Exception {
        assertNotNull(OPEN.check("http://127.0.0.1:8170/hook"));
        assertNotNull(OPEN.check("http://[::1]/"));
        assertEquals(2, OPEN.addresses("localhost").length);
    }

    @Test
    void deliveryChecksTheAddressesItConnectsToSoARebindingIsCaught() throws Exception {
        // Accepted at creation, then the name is made to point at the metadata endpoint.
        String[] answer = { "93.184.215.14" };
        TargetPolicy policy = new TargetPolicy(false, host -> new InetAddress[] { InetAddress.getByName(answer[0]) });
        policy.check("https://rebind.example.org/");
        answer[0] = "169.254.169.254";
        assertThrows(TargetPolicy.Refused.class, () -> policy.addresses("rebind.example.org"));
        // And the delivery client asks exactly that check: nothing is sent.
        try (WebhookClient client = new WebhookClient(policy, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(3), 1)) {
            WebhookClient.Outcome outcome = client.post(java.net.URI.create("http://rebind.example.org/"), "msg_1", 1,
                    "v1,x", new byte[0]);
            assertEquals(0, outcome.status());
            assertTrue(outcome.error().startsWith("refused:"), outcome.error());
        }
    }

    @Test
    void publicAddressesAreNotMistakenForSpecialOnes() throws Exception {
        for (String address : List.of("8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
                "192.167.255.255", "169.253.255.255", "2a00:1450:4001:82b::200e", "2606:4700:4700::1111")) {
            assertNull(TargetPolicy.notPublic(InetAddress.getByName(address)), address);
        }
    }
}
