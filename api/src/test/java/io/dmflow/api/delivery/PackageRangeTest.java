package io.dmflow.api.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.firmware.StoredPackages;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A device pulling an offered package over HTTP resumes with {@code Range}: it gets the bytes from where it stopped,
 * read from the stored chunks where they start, and a range past the end is a 416 problem.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PackageRangeTest {

    @Inject
    DeviceManagementServer server;

    @Inject
    StoredPackages packages;

    @Test
    void anOfferedPackageIsServedWholeOrFromWhereTheDeviceStopped() {
        // Over three of the stored chunks (256 KiB each), so that a resumed range starts inside a later one.
        byte[] data = new byte[700 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i * 7 + (i >> 10)) % 253);
        }
        given().contentType(ContentType.BINARY)
                .body(data)
                .put("/api/resources/range-package/data")
                .then()
                .statusCode(201);
        String token = server.packageOffers()
                .offer(packages.find("range-package").orElseThrow(), Duration.ofMinutes(5))
                .token();

        byte[] whole = given().auth()
                .none()
                .get("/packages/" + token)
                .then()
                .statusCode(200)
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", Integer.toString(data.length))
                .extract()
                .asByteArray();
        assertThat(whole).isEqualTo(data);

        int stoppedAt = 600_000;
        byte[] rest = given().auth()
                .none()
                .header("Range", "bytes=" + stoppedAt + "-")
                .get("/packages/" + token)
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes " + stoppedAt + "-" + (data.length - 1) + "/" + data.length)
                .header("Content-Length", Integer.toString(data.length - stoppedAt))
                .extract()
                .asByteArray();
        assertThat(rest).isEqualTo(Arrays.copyOfRange(data, stoppedAt, data.length));

        byte[] middle = given().auth()
                .none()
                .header("Range", "bytes=262140-262150")
                .get("/packages/" + token)
                .then()
                .statusCode(206)
                .extract()
                .asByteArray();
        assertThat(middle).isEqualTo(Arrays.copyOfRange(data, 262140, 262151));

        byte[] last = given().auth()
                .none()
                .header("Range", "bytes=-5")
                .get("/packages/" + token)
                .then()
                .statusCode(206)
                .extract()
                .asByteArray();
        assertThat(last).isEqualTo(Arrays.copyOfRange(data, data.length - 5, data.length));

        given().auth()
                .none()
                .header("Range", "bytes=" + data.length + "-")
                .get("/packages/" + token)
                .then()
                .statusCode(416)
                .contentType("application/problem+json")
                .header("Content-Range", "bytes */" + data.length)
                .body("parameter", equalTo("Range"));
        given().auth()
                .none()
                .header("Range", "lines=1-2")
                .get("/packages/" + token)
                .then()
                .statusCode(416);
    }
}
