package org.rightsledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What /q/openapi serves is the committed contract, openapi/openapi.yaml — nothing more, nothing less. */
@QuarkusTest
class ContractTest {

    @Test
    void theServedContractIsTheCommittedOne() throws Exception {
        JsonNode committed = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi/openapi.yaml")));
        JsonNode served = new ObjectMapper().readTree(
                RestAssured.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                        .extract().asString());
        assertEquals(committed, served);
    }
}
