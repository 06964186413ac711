package org.rightsledger.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * How tests talk to the running service: through real HTTP, every response checked against
 * the committed contract (openapi/openapi.yaml). Requests are not checked against it, because
 * many tests send invalid requests on purpose.
 */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl("openapi/openapi.yaml")
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    /** A request whose response must match the contract. */
    public static RequestSpecification api() {
        return given().filter(CONTRACT);
    }

    /** A request outside the contract (unknown paths, methods the contract does not list). */
    public static RequestSpecification raw() {
        return given();
    }

    public static RequestSpecification as(String token) {
        return api().header("Authorization", "Bearer " + token);
    }

    /** A token for a partner with these scopes, issued once per test run through the admin API. */
    public static String token(String partner, String... scopes) {
        return TOKENS.computeIfAbsent(partner + "|" + String.join(",", scopes), k -> issue(partner, scopes));
    }

    public static String writer() {
        return token("Test Writers", "write");
    }

    public static String restrictedReader() {
        return token("Test Researchers", "restricted:read");
    }

    public static Response issueKey(String partner, String... scopes) {
        return as(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "scopes", List.of(scopes)))
                .post("/v1/admin/api-keys");
    }

    private static String issue(String partner, String... scopes) {
        return issueKey(partner, scopes).then().statusCode(201).extract().path("token");
    }

    public static long headPosition() {
        return api().get("/v1/log/head").then().statusCode(200).extract().jsonPath().getLong("position");
    }

    public static String headHash() {
        return api().get("/v1/log/head").then().statusCode(200).extract().path("hash");
    }
}
