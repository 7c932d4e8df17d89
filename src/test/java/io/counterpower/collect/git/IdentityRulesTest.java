package io.counterpower.collect.git;

import io.counterpower.collect.git.GitIdentity.BotReason;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IdentityRulesTest {

    @Test
    void noreplyAddressWithNumericIdYieldsLoginAndId() {
        assertEquals(Optional.of(new PlatformAccount("github", "octocat", 583231L)),
                PlatformAccount.fromNoreplyEmail("583231+octocat@users.noreply.github.com"));
    }

    @Test
    void olderNoreplyAddressWithoutIdYieldsTheLogin() {
        assertEquals(Optional.of(new PlatformAccount("github", "grace-h", null)),
                PlatformAccount.fromNoreplyEmail("grace-h@Users.NoReply.GitHub.com"));
    }

    @Test
    void appNoreplyAddressKeepsTheBotSuffix() {
        PlatformAccount app = PlatformAccount.fromNoreplyEmail("49699333+dependabot[bot]@users.noreply.github.com")
                .orElseThrow();
        assertEquals("dependabot[bot]", app.username());
        assertEquals(49699333L, app.userId());
    }

    @Test
    void otherAddressesYieldNoAccount() {
        assertEquals(Optional.empty(), PlatformAccount.fromNoreplyEmail("noreply@github.com"));
        assertEquals(Optional.empty(), PlatformAccount.fromNoreplyEmail("octocat@github.com"));
        assertEquals(Optional.empty(), PlatformAccount.fromNoreplyEmail("x@users.noreply.github.com.evil.example"));
    }

    @Test
    void botRules() {
        assertEquals(BotReason.BOT_SUFFIX, KnownBots.classify("dependabot[bot]", "x@example.org", null));
        assertEquals(BotReason.BOT_SUFFIX, KnownBots.classify("Dependabot", "49699333+dependabot[bot]@users.noreply.github.com",
                PlatformAccount.fromNoreplyEmail("49699333+dependabot[bot]@users.noreply.github.com").orElseThrow()));
        assertEquals(BotReason.WEB_UI, KnownBots.classify("GitHub", "noreply@github.com", null));
        assertEquals(BotReason.KNOWN_BOT_ACCOUNT, KnownBots.classify("Renovate Bot", "bot@renovateapp.com", null));
        assertEquals(BotReason.KNOWN_BOT_ACCOUNT, KnownBots.classify("github-actions", "x@example.org", null));
        assertEquals(BotReason.KNOWN_BOT_ACCOUNT,
                KnownBots.classify("A. Unique TensorFlower", "gardener@tensorflow.org", null));
        // Exact matches only: a person whose name contains a bot's is still a person.
        assertNull(KnownBots.classify("Mergify Fan", "fan@example.org", null));
        assertNull(KnownBots.classify("Ada Lovelace", "ada@example.org", null));
    }
}
