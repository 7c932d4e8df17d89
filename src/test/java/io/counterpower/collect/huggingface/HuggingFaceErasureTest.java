package io.counterpower.collect.huggingface;

import io.agroal.api.AgroalDataSource;
import io.counterpower.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.counterpower.collect.git.CollectionJobs.succeeded;
import static io.counterpower.support.Api.admin;
import static io.counterpower.support.Api.anonymous;
import static io.counterpower.support.Fixtures.project;
import static io.counterpower.support.Fixtures.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 17, erasure everywhere: a Hugging Face repository id starts with its owner's namespace,
 * which for a person is a login. Once a curator erased the person who holds that login, a Hub
 * collection stores the derivatives published under it with the pseudonym instead (name, publisher
 * and source URL), and no public read shows the login.
 */
@QuarkusTest
class HuggingFaceErasureTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aHubCollectionStoresADerivativeOfAnErasedNamespaceUnderThePseudonym() throws SQLException {
        Sql sql = new Sql(db);
        HuggingFaceCollectionTest.Hub hub = HuggingFaceCollectionTest.hub().stubAll("huggingface/model.json");
        String someone = "someone-" + hub.fixtures().value("run");
        long person = admin().body(Map.of("displayName", "Some One",
                        "identities", List.of(Map.of("platform", "huggingface", "username", someone)), "source", source()))
                .post("/api/v1/contributors").then().statusCode(201).extract().jsonPath().getLong("id");
        admin().body(Map.of("reason", "asked to be forgotten")).post("/api/v1/contributors/" + person + "/erasure")
                .then().statusCode(200).body("loginsBlocked", equalTo(1));

        String slug = project(null);
        succeeded(HuggingFaceCollectionTest.post(slug, hub.url()));
        long projectId = sql.number("select id from project where slug = ?", slug);
        String pseudonym = "erased-contributor-" + person;
        assertEquals(0, sql.number("""
                select count(*) from derivative where lower(derived_name) like ? or lower(coalesce(publisher_name, '')) = ?
                   or lower(coalesce(source_url, '')) like ?""", someone.toLowerCase(Locale.ROOT) + "/%",
                someone.toLowerCase(Locale.ROOT), "%/" + someone.toLowerCase(Locale.ROOT) + "/%"));
        assertEquals(2, sql.number("select count(*) from derivative where project_id = ? and derived_name like ?", // a finetune and an adapter
                projectId, pseudonym + "/%"));
        String read = anonymous().queryParam("project", slug).queryParam("size", "100").get("/api/v1/derivatives").asString();
        assertFalse(read.toLowerCase(Locale.ROOT).contains(someone.toLowerCase(Locale.ROOT)), read);
    }
}
