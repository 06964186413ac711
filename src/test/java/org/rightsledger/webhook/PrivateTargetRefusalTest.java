package org.rightsledger.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With private targets not allowed (the production default), a webhook to a loopback, private,
 * link-local, metadata or unique-local address is refused with a 422 problem naming {@code /url},
 * and nothing is stored. (The other tests allow them, for receivers on 127.0.0.1.)
 */
@QuarkusTest
@TestProfile(PrivateTargetRefusalTest.ProductionTargets.class)
class PrivateTargetRefusalTest {

    public static class ProductionTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void privateAndMetadataTargetsAreRefusedWith422() {
        String token = Api.token("Webhook SSRF Prober", "write");
        Map<String, String> targets = Map.of(
                "http://127.0.0.1:8080/", "loopback",
                "http://localhost/admin", "loopback",
                "http://[::1]/", "loopback",
                "http://10.0.0.1/", "private",
                "http://192.168.0.10/", "private",
                "http://169.254.169.254/latest/meta-data/iam/", "link-local",
                "http://[fd00:ec2::254]/", "unique-local",
                "http://100.100.100.200/", "carrier-grade NAT",
                "http://[::ffff:10.0.0.1]/", "private",
                "http://0x7f000001/", "does not resolve");
        targets.forEach((url, why) -> Api.as(token).contentType(ContentType.JSON).body("{\"url\": \"" + url + "\"}")
                .post("/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/url")).body("detail", containsString(why)));
        Api.as(token).get("/v1/webhooks").then().statusCode(200).body("items", equalTo(List.of()));
    }
}
