package io.dmflow.api.paging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listing read page by page: the first, the last, one over the end, and a listing with nothing in it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PagingEdgesTest {

    private static final int SIZE = 2;

    @Test
    void pagesCoverTheListingOnceAndAPageOverTheEndIsEmpty() {
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.XML)
                    .body("<config><get key=\"/3/0/0\" output=\"m\"/></config>")
                    .put("/api/templates/paging-edge-" + i)
                    .then()
                    .statusCode(201);
        }
        JsonPath first = page(0);
        long total = first.getLong("totalItems");
        int pages = first.getInt("totalPages");
        assertThat(total).isGreaterThanOrEqualTo(5);
        assertThat(pages).isEqualTo((int) ((total + SIZE - 1) / SIZE));
        assertThat(first.getList("items")).hasSize(SIZE);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(SIZE);

        List<String> names = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            JsonPath answer = page(page);
            assertThat(answer.getLong("totalItems")).isEqualTo(total);
            names.addAll(answer.getList("items.name"));
        }
        assertThat(page(pages - 1).getList("items"))
                .as("the last page holds the rest")
                .hasSize((int) (total - (long) SIZE * (pages - 1)));
        assertThat(names).as("every template once").hasSize((int) total).doesNotHaveDuplicates();
        assertThat(names.stream()
                        .filter(name -> name.startsWith("paging-edge-"))
                        .toList())
                .as("in name order")
                .containsExactly("paging-edge-0", "paging-edge-1", "paging-edge-2", "paging-edge-3", "paging-edge-4");

        JsonPath overTheEnd = page(pages);
        assertThat(overTheEnd.getList("items")).isEmpty();
        assertThat(overTheEnd.getLong("totalItems")).isEqualTo(total);
        assertThat(overTheEnd.getInt("page")).isEqualTo(pages);
    }

    @Test
    void aListingWithNothingInItHasNoPages() {
        JsonPath empty = given().queryParam("endpointPrefix", "no-device-is-called-this-")
                .queryParam("size", SIZE)
                .get("/api/devices")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(empty.getList("items")).isEmpty();
        assertThat(empty.getLong("totalItems")).isZero();
        assertThat(empty.getInt("totalPages")).isZero();
    }

    private static JsonPath page(int page) {
        return given().queryParam("page", page)
                .queryParam("size", SIZE)
                .get("/api/templates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
