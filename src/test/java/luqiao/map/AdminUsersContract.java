package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15, the users screen's API over real HTTP on each backend: create (refusing a taken name, a weak
 * or empty password, an unknown role), change roles, disable and enable (never oneself), reset a
 * password, revoke every token of a user; each a problem+json on bad input, each for administrators only.
 */
abstract class AdminUsersContract extends BackendContract {

    static final String ADMIN = "admin:test-admin-password";
    static final String PASSWORD = "correct-horse-battery";

    Caller admin() {
        return new Caller(port, ADMIN);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String name = newName();
        assertThat(create(name, PASSWORD, "\"PLANNER\"").status()).isEqualTo(201);

        Caller.Answer taken = create(name, "another-long-password", "\"PLANNER\"");
        assertThat(taken.status()).isEqualTo(409);
        assertProblem(taken, "username");
        assertThat(new Caller(port, name + ":another-long-password")
                        .get("/api/me/tokens")
                        .status())
                .as("the existing user keeps their password")
                .isEqualTo(401);

        String other = newName();
        assertProblem(create(other, "", "\"PLANNER\""), "password");
        assertProblem(create(other, "short", "\"PLANNER\""), "password");
        assertProblem(create(other, "aaaaaaaaaaaaaaaa", "\"PLANNER\""), "password");
        assertProblem(create(other, PASSWORD, "\"OVERLORD\""), "roles");
        assertThat(user(other)).as("none of them created the user").isNull();

        Caller.Answer self = admin().send("PUT", "/api/admin/users/admin", "{\"roles\":[\"ADMIN\"],\"enabled\":false}");
        assertProblem(self, "enabled");
        assertThat(self.json().path("detail").asString()).contains("themselves");
        Caller.Answer demoted =
                admin().send("PUT", "/api/admin/users/admin", "{\"roles\":[\"PLANNER\"],\"enabled\":true}");
        assertProblem(demoted, "roles");
        assertThat(user("admin").path("enabled").asBoolean()).isTrue();
        assertThat(user("admin").path("roles").toString()).contains("ADMIN");
        assertProblem(
                admin().send("PUT", "/api/admin/users/" + name, "{\"roles\":[\"PLANNER\"],\"password\":\"short\"}"),
                "password");
    }

    @Test
    void disablingEnablingResettingAndRevokingTakeEffectAtOnce() {
        String name = newName();
        assertThat(create(name, PASSWORD, "\"PLANNER\"").status()).isEqualTo(201);
        Caller user = new Caller(port, name + ":" + PASSWORD);
        assertThat(user.get("/api/me/tokens").status()).isEqualTo(200);
        String token1 = user.send("POST", "/api/me/tokens", "{\"name\":\"one\"}")
                .json()
                .path("token")
                .asString();
        user.send("POST", "/api/me/tokens", "{\"name\":\"two\"}");
        assertThat(user(name).path("tokens").asInt()).isEqualTo(2);
        assertThat(bearer(token1).status()).isEqualTo(200);

        Caller.Answer roles = admin().send(
                        "PUT", "/api/admin/users/" + name, "{\"roles\":[\"PLANNER\",\"LAND_STAFF\"],\"enabled\":true}");
        assertThat(roles.status()).as(roles.text()).isEqualTo(200);
        assertThat(user.get("/api/me").json().path("roles").toString()).contains("LAND_STAFF");

        Caller.Answer revoked = admin().send("DELETE", "/api/admin/users/" + name + "/tokens", null);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.json().path("revoked").asInt()).isEqualTo(2);
        assertThat(bearer(token1).status())
                .as("a revoked token signs in no more")
                .isEqualTo(401);
        assertThat(user(name).path("tokens").asInt()).isZero();
        assertThat(admin().send("DELETE", "/api/admin/users/no-such-user-x/tokens", null)
                        .status())
                .isEqualTo(404);
        Caller.Answer notAdmin = user.send("DELETE", "/api/admin/users/" + name + "/tokens", null);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.header("Content-Type")).startsWith("application/problem+json");

        assertThat(admin().send("PUT", "/api/admin/users/" + name, "{\"roles\":[\"PLANNER\"],\"enabled\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(user(name).path("enabled").asBoolean()).isFalse();
        assertThat(user.get("/api/me/tokens").status())
                .as("a disabled user cannot sign in")
                .isEqualTo(401);
        assertThat(admin().send("PUT", "/api/admin/users/" + name, "{\"roles\":[\"PLANNER\"],\"enabled\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(user.get("/api/me/tokens").status()).isEqualTo(200);

        String fresh = "a-brand-new-passphrase";
        assertThat(admin().send(
                                "PUT",
                                "/api/admin/users/" + name,
                                "{\"roles\":[\"PLANNER\"],\"enabled\":true,\"password\":\"" + fresh + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(user.get("/api/me/tokens").status())
                .as("the old password is gone")
                .isEqualTo(401);
        assertThat(new Caller(port, name + ":" + fresh).get("/api/me/tokens").status())
                .isEqualTo(200);
        assertThat(admin().get("/api/admin/audit?limit=20").text())
                .contains("token.revoke-all")
                .contains(name);
    }

    private String newName() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private Caller.Answer create(String name, String password, String roles) {
        return admin().send(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":[" + roles + "]}");
    }

    /** The user as the list shows it, or null when there is none. */
    private JsonNode user(String name) {
        for (JsonNode u : admin().get("/api/admin/users").json()) {
            if (u.path("username").asString().equals(name)) {
                return u;
            }
        }
        return null;
    }

    private Caller.Answer bearer(String token) {
        try {
            java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://localhost:" + port + "/api/me/tokens"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Caller.Answer(r);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(Caller.Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("field").asString(problem.path("parameter").asString()))
                .as(answer.text())
                .isEqualTo(field);
    }
}
