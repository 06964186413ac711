package org.rightsledger.explorer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.rightsledger.support.Api.raw;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The explorer's pages are deep links: a reload of any of them gets the app's index.html, and
 * the app's files are served as they are. Outside the API contract (/v1), so plain requests.
 */
@QuarkusTest
class ExplorerPagesTest {

    @Test
    void theAppIsServedAtItsRoot() {
        raw().get("/explorer/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"app.js\"></script>"))
                .header("Cache-Control", "no-cache");
    }

    @Test
    void everyDeepLinkAnswersWithTheApp() {
        for (String path : new String[] {"/explorer/records/aa96b8a2-a1a4-44b6-96bc-627db7aedd94",
                "/explorer/actors/887721fe-3ea8-4983-8e3b-7df103b7d85f", "/explorer/cases/eba46272-ebdb-4437-a740-433333b07b4a",
                "/explorer/bills/c352adf2-ecd9-4f22-8fe0-d9bd99c9a9ae", "/explorer/stats", "/explorer/stats/"}) {
            raw().get(path).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<base href=\"/explorer/\">")).header("Cache-Control", "no-cache");
        }
        raw().head("/explorer/stats").then().statusCode(200);
    }

    @Test
    void theBarePathRedirectsToTheApp() {
        raw().redirects().follow(false).get("/explorer").then().statusCode(301).header("Location", "/explorer/");
    }

    @Test
    void theAppsFilesAreRevalidatedNotKeptForADay() {
        raw().get("/explorer/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Cache-Control", equalTo("no-cache"));
        raw().get("/explorer/style.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void pathsThatAreNeitherFilesNorPagesAreNotFound() {
        raw().get("/explorer/records/aa96b8a2/extra").then().statusCode(404);
        raw().get("/explorer/records/").then().statusCode(404);
        raw().get("/explorer/nothing-here").then().statusCode(404);
        raw().post("/explorer/stats").then().statusCode(404);
    }
}
