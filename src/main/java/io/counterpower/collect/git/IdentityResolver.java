package io.counterpower.collect.git;

import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.fact.VersionedRows;
import io.counterpower.contributor.ContributorVersion;
import io.counterpower.contributor.IdentityLink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds or records the identities a collection meets, and the contributor each belongs to
 * (METHODOLOGY.md section 2, "contributor"). One instance per job: it remembers every identity it
 * resolved, so each is looked up once however many commits it made.
 *
 * <ul>
 * <li>An identity is the tuple the reader gives after {@code .mailmap}: name and lower-cased email.
 *     Its natural key ({@code identity_natural}) keeps it single across jobs and projects.</li>
 * <li>A new identity joins the contributor that already has an identity with the same email (one
 *     contributor per address), else the contributor of its GitHub account (a noreply address names
 *     it), else a new contributor. Identities without an email group by name. Addresses are compared by their SHA-256
 *     ({@code identity.email_sha256}, V028), so that an identity loaded from a snapshot, which keeps
 *     only that hash and the domain, is the one a later collection of the same repository meets.</li>
 * <li>A GitHub noreply address also gives a platform identity ({@code github}, login), linked to the
 *     same contributor, so that the GitHub collector and CODEOWNERS handles meet the same person.</li>
 * <li>Links record the bot flag and its reason; they are source {@code git}, confidence
 *     {@code inferred} (a rule groups the identities). An identity already linked is never moved:
 *     merging people is a curator's decision.</li>
 * </ul>
 */
public final class IdentityResolver {

    /** An identity as stored: name and lower-cased email, either may be null but not both. */
    record Key(String name, String email) {
    }

    private final Map<Key, Long> identities = new HashMap<>();
    /** Keys whose address a curator erased: resolved to their pseudonymous identity, never stored. */
    private final Set<Key> erasedKeys = new HashSet<>();
    private final Map<String, Long> logins = new HashMap<>();
    private final Map<Long, Long> contributorOfLoginId = new HashMap<>();
    private final String sourceKind;
    private String sourceUrl;
    private final String sourceNote;
    private long identitiesAdded;
    private long contributorsAdded;

    IdentityResolver(String sourceUrl, String sourceNote) {
        this("git", sourceUrl, sourceNote);
    }

    /**
     * @param sourceKind the source of the contributors and links it records: the collector's
     *                   ({@code git}, {@code github})
     */
    public IdentityResolver(String sourceKind, String sourceUrl, String sourceNote) {
        this.sourceKind = sourceKind;
        this.sourceUrl = sourceUrl;
        this.sourceNote = sourceNote;
    }

    /** Names the repository being read as the source of what is recorded from now on. */
    public void from(String repositoryUrl) {
        this.sourceUrl = repositoryUrl;
    }

    public long identitiesAdded() {
        return identitiesAdded;
    }

    public long contributorsAdded() {
        return contributorsAdded;
    }

    /** The stored form of a reader identity, or null when it has neither name nor email. */
    static Key keyOf(GitIdentity identity) {
        String name = clean(identity.name());
        String email = clean(identity.email());
        if (name == null && email == null) {
            return null;
        }
        return new Key(name, email == null ? null : email.toLowerCase(Locale.ROOT));
    }

    /** The id of an identity resolved before. */
    Long idOf(Key key) {
        return key == null ? null : identities.get(key);
    }

    /** Makes sure every identity has a row and a contributor. */
    void resolve(Connection c, Collection<GitIdentity> seen) throws SQLException {
        Map<Key, GitIdentity> fresh = new LinkedHashMap<>();
        for (GitIdentity identity : seen) {
            Key key = keyOf(identity);
            if (key != null && !identities.containsKey(key)) {
                fresh.putIfAbsent(key, identity);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        upsertIdentities(c, fresh.keySet());
        Map<String, GitIdentity> accounts = new LinkedHashMap<>();
        for (Map.Entry<Key, GitIdentity> entry : fresh.entrySet()) {
            GitIdentity identity = entry.getValue();
            // An erased address's login stays erased too (the login a noreply address reveals).
            if (identity.platformAccount() != null && !erasedKeys.contains(entry.getKey())) {
                accounts.putIfAbsent(login(identity.platformAccount().username()), identity);
            }
        }
        upsertLogins(c, accounts.keySet());

        Set<Long> ids = new HashSet<>();
        fresh.keySet().forEach(k -> ids.add(identities.get(k)));
        accounts.keySet().forEach(l -> ids.add(logins.get(l)));
        Map<Long, Long> linked = currentLinks(c, ids);

        // Unlinked identities, grouped by the person they stand for: a GitHub account's addresses (with
        // and without the numeric id) are one person, whether they authored or co-authored.
        Map<String, List<Key>> groups = new LinkedHashMap<>();
        for (Key key : fresh.keySet()) {
            if (!linked.containsKey(identities.get(key))) {
                groups.computeIfAbsent(groupOf(key, fresh.get(key)), g -> new ArrayList<>()).add(key);
            }
        }
        // A group joins the contributor already holding one of its addresses (or, without one, its
        // name), else the contributor its GitHub account is linked to, else a new one.
        Map<String, String> lookupOf = new LinkedHashMap<>();
        for (Map.Entry<String, List<Key>> group : groups.entrySet()) {
            for (Key key : group.getValue()) {
                lookupOf.putIfAbsent(key.email() != null ? key.email() : "name:" + key.name(), group.getKey());
            }
        }
        Map<String, Long> existing = existingContributors(c, lookupOf.keySet());
        Map<String, Long> contributorOfGroup = new HashMap<>();
        for (Map.Entry<String, String> lookup : lookupOf.entrySet()) {
            Long found = existing.get(lookup.getKey());
            if (found != null) {
                contributorOfGroup.merge(lookup.getValue(), found, Math::min);
            }
        }
        List<String> newGroups = new ArrayList<>();
        for (Map.Entry<String, List<Key>> group : groups.entrySet()) {
            if (contributorOfGroup.containsKey(group.getKey())) {
                continue;
            }
            Long viaAccount = group.getKey().startsWith("login:")
                    ? linked.get(logins.get(group.getKey().substring(6))) : null;
            if (viaAccount != null) {
                contributorOfGroup.put(group.getKey(), viaAccount);
            } else {
                newGroups.add(group.getKey());
            }
        }
        List<String> names = new ArrayList<>();
        for (String group : newGroups) {
            names.add(displayName(groups.get(group).get(0)));
        }
        List<Long> created = createContributors(c, names);
        for (int i = 0; i < newGroups.size(); i++) {
            contributorOfGroup.put(newGroups.get(i), created.get(i));
        }

        List<Link> links = new ArrayList<>();
        Map<Key, Long> contributorOfKey = new HashMap<>();
        for (Map.Entry<String, List<Key>> group : groups.entrySet()) {
            long contributor = contributorOfGroup.get(group.getKey());
            for (Key key : group.getValue()) {
                contributorOfKey.put(key, contributor);
                GitIdentity identity = fresh.get(key);
                links.add(new Link(identities.get(key), contributor, botReason(identity.botReason())));
            }
        }
        for (Map.Entry<String, GitIdentity> account : accounts.entrySet()) {
            long loginId = logins.get(account.getKey());
            if (linked.containsKey(loginId)) {
                continue;
            }
            Key holder = keyOf(account.getValue());
            Long contributor = contributorOfKey.containsKey(holder) ? contributorOfKey.get(holder)
                    : linked.get(identities.get(holder));
            if (contributor != null) {
                links.add(new Link(loginId, contributor, botReason(account.getValue().botReason())));
            }
        }
        link(c, links);
    }

    /** The contributor a CODEOWNERS or MAINTAINERS handle names: its GitHub identity's, or a new one. */
    long contributorOfLogin(Connection c, String rawLogin, String displayName) throws SQLException {
        long id = identityOfLogin(c, rawLogin, displayName, null);
        return contributorOfLoginId.get(id);
    }

    /**
     * The GitHub identity of a login, linked to a contributor: the one it is linked to already (the git
     * collector links the login a noreply address reveals to that address's contributor), or a new one.
     *
     * @param botReason why the account is a bot ({@code bot-suffix}, {@code platform-bot}), or null;
     *                  a login ending in {@code [bot]} is one in any case
     */
    public long identityOfLogin(Connection c, String rawLogin, String displayName, String botReason) throws SQLException {
        String login = login(rawLogin);
        upsertLogins(c, Set.of(login));
        long id = logins.get(login);
        if (contributorOfLoginId.containsKey(id)) {
            return id;
        }
        Long linked = currentLinks(c, Set.of(id)).get(id);
        if (linked == null) {
            linked = createContributors(c, List.of(displayName == null ? rawLogin : displayName)).get(0);
            String reason = login.endsWith("[bot]") ? "bot-suffix" : botReason;
            link(c, List.of(new Link(id, linked, reason)));
        }
        contributorOfLoginId.put(id, linked);
        return id;
    }

    /** The contributor of a login identity {@link #identityOfLogin} returned. */
    long contributorOfIdentity(long loginIdentityId) {
        return contributorOfLoginId.get(loginIdentityId);
    }

    /** The contributor an email belongs to: the one with an identity of that address, or a new one. */
    long contributorOfEmail(Connection c, String email, String displayName) throws SQLException {
        String address = email.toLowerCase(Locale.ROOT);
        Long existing = existingContributors(c, Set.of(address)).get(address);
        if (existing != null) {
            return existing;
        }
        GitIdentity identity = new GitIdentity(displayName, address, PlatformAccount.fromNoreplyEmail(address).orElse(null), null);
        resolve(c, List.of(identity));
        long id = identities.get(keyOf(identity));
        return currentLinks(c, Set.of(id)).get(id);
    }

    // ---- SQL ---------------------------------------------------------------------------------

    private record Link(long identityId, long contributorId, String botReason) {
    }

    private void upsertIdentities(Connection c, Collection<Key> allKeys) throws SQLException {
        Collection<Key> keys = withoutErased(c, allKeys);
        String[] names = new String[keys.size()];
        String[] emails = new String[keys.size()];
        int i = 0;
        for (Key key : keys) {
            names[i] = key.name();
            emails[i++] = key.email();
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into identity (name, email, created_at)
                select t.name, t.email, now() from unnest(?::text[], ?::text[]) as t(name, email)
                on conflict (coalesce(name, ''), coalesce(email_sha256, ''), coalesce(platform, ''), coalesce(lower(username), ''))
                do nothing""")) {
            s.setArray(1, c.createArrayOf("text", names));
            s.setArray(2, c.createArrayOf("text", emails));
            identitiesAdded += s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                select t.name, t.email, i.id from unnest(?::text[], ?::text[]) as t(name, email)
                join identity i on coalesce(i.name, '') = coalesce(t.name, '') and coalesce(i.email_sha256, '') = coalesce(encode(sha256(convert_to(t.email, 'UTF8')), 'hex'), '')
                               and coalesce(i.platform, '') = '' and coalesce(lower(i.username), '') = ''""")) {
            s.setArray(1, c.createArrayOf("text", names));
            s.setArray(2, c.createArrayOf("text", emails));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    identities.put(new Key(r.getString(1), r.getString(2)), r.getLong(3));
                }
            }
        }
    }

    /**
     * Resolves the keys whose address a curator erased (issue 17, table erased_email, V038) to the
     * pseudonymous identity that kept its hash, and returns the others: an erased address is never
     * stored again, and its commits keep counting for the same contributor.
     */
    private Collection<Key> withoutErased(Connection c, Collection<Key> keys) throws SQLException {
        List<Key> withEmail = keys.stream().filter(k -> k.email() != null).toList();
        if (withEmail.isEmpty()) {
            return keys;
        }
        Map<String, Long> erased = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select t.email, min(i.id) from unnest(?::text[]) as t(email)
                join erased_email e on e.email_sha256 = encode(sha256(convert_to(t.email, 'UTF8')), 'hex')
                join identity i on i.email_sha256 = e.email_sha256
                group by t.email""")) {
            s.setArray(1, c.createArrayOf("text", withEmail.stream().map(Key::email).distinct().toArray(String[]::new)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    erased.put(r.getString(1), r.getLong(2));
                }
            }
        }
        // A GitHub noreply address spells its login: an erased login blocks the addresses that name it.
        Map<String, String> loginOfEmail = new HashMap<>();
        for (Key key : withEmail) {
            PlatformAccount.fromNoreplyEmail(key.email()).ifPresent(a -> loginOfEmail.put(key.email(), login(a.username())));
        }
        if (!loginOfEmail.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select t.email, l.identity_id from unnest(?::text[], ?::text[]) as t(email, login)
                    join erased_login l on l.login_sha256 = erased_login_sha256(t.login)""")) {
                s.setArray(1, c.createArrayOf("text", loginOfEmail.keySet().toArray()));
                s.setArray(2, c.createArrayOf("text", loginOfEmail.keySet().stream().map(loginOfEmail::get).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        erased.putIfAbsent(r.getString(1), r.getLong(2));
                    }
                }
            }
        }
        if (erased.isEmpty()) {
            return keys;
        }
        List<Key> rest = new ArrayList<>();
        for (Key key : keys) {
            Long pseudonymous = key.email() == null ? null : erased.get(key.email());
            if (pseudonymous != null) {
                identities.put(key, pseudonymous);
                erasedKeys.add(key);
            } else {
                rest.add(key);
            }
        }
        return rest;
    }

    private void upsertLogins(Connection c, Collection<String> wanted) throws SQLException {
        List<String> missing = withoutErasedLogins(c, wanted.stream().filter(l -> !logins.containsKey(l)).toList());
        if (missing.isEmpty()) {
            return;
        }
        String[] array = missing.toArray(new String[0]);
        try (PreparedStatement s = c.prepareStatement("""
                insert into identity (platform, username, created_at)
                select 'github', t.login, now() from unnest(?::text[]) as t(login)
                on conflict (coalesce(name, ''), coalesce(email_sha256, ''), coalesce(platform, ''), coalesce(lower(username), ''))
                do nothing""")) {
            s.setArray(1, c.createArrayOf("text", array));
            identitiesAdded += s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                select t.login, i.id from unnest(?::text[]) as t(login)
                join identity i on coalesce(i.name, '') = '' and coalesce(i.email_sha256, '') = ''
                               and coalesce(i.platform, '') = 'github' and coalesce(lower(i.username), '') = t.login""")) {
            s.setArray(1, c.createArrayOf("text", array));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    logins.put(r.getString(1), r.getLong(2));
                }
            }
        }
    }

    /**
     * Resolves the logins a curator erased (issue 17, table erased_login, V041) to the pseudonymous
     * identity that held them and its contributor, and returns the others: an erased login (a GitHub
     * author, reviewer or merger, a CODEOWNERS or MAINTAINERS handle) is never stored again, and
     * what it did keeps counting for the same contributor, without a new contributor named after it.
     */
    private List<String> withoutErasedLogins(Connection c, List<String> wanted) throws SQLException {
        if (wanted.isEmpty()) {
            return wanted;
        }
        try (PreparedStatement s = c.prepareStatement("""
                select t.login, l.identity_id, l.contributor_id from unnest(?::text[]) as t(login)
                join erased_login l on l.login_sha256 = erased_login_sha256(t.login)""")) {
            s.setArray(1, c.createArrayOf("text", wanted.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    logins.put(r.getString(1), r.getLong(2));
                    contributorOfLoginId.put(r.getLong(2), r.getLong(3));
                }
            }
        }
        return wanted.stream().filter(l -> !logins.containsKey(l)).toList();
    }

    private static Map<Long, Long> currentLinks(Connection c, Set<Long> ids) throws SQLException {
        Map<Long, Long> linked = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select id, contributor_id from identity_link where id = any(?) and superseded_at is null")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    linked.put(r.getLong(1), r.getLong(2));
                }
            }
        }
        return linked;
    }

    /** Contributors that already hold an identity with the group's email (or, without email, name). */
    private static Map<String, Long> existingContributors(Connection c, Collection<String> groups) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        List<String> emails = groups.stream().filter(g -> !g.startsWith("name:")).toList();
        List<String> names = groups.stream().filter(g -> g.startsWith("name:")).map(g -> g.substring(5)).toList();
        if (!emails.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select t.email, min(l.contributor_id) from unnest(?::text[]) as t(email)
                    join identity i on i.email_sha256 = encode(sha256(convert_to(t.email, 'UTF8')), 'hex')
                    join identity_link l on l.id = i.id and l.superseded_at is null
                    group by 1""")) {
                s.setArray(1, c.createArrayOf("text", emails.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), r.getLong(2));
                    }
                }
            }
        }
        if (!names.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select i.name, min(l.contributor_id) from identity i
                    join identity_link l on l.id = i.id and l.superseded_at is null
                    where i.email_sha256 is null and i.platform is null and i.name = any(?) group by 1""")) {
                s.setArray(1, c.createArrayOf("text", names.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put("name:" + r.getString(1), r.getLong(2));
                    }
                }
            }
        }
        return found;
    }

    private List<Long> createContributors(Connection c, List<String> displayNames) throws SQLException {
        List<Long> ids = new ArrayList<>(displayNames.size());
        if (displayNames.isEmpty()) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement(
                "insert into contributor (created_at) select now() from generate_series(1, ?) returning id")) {
            s.setInt(1, displayNames.size());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        VersionedRows.Batch versions = ContributorVersion.VERSIONS.batch();
        FactSource named = source(Confidence.VERIFIED);
        for (int i = 0; i < ids.size(); i++) {
            versions.add(ids.get(i), named, null, displayNames.get(i));
        }
        versions.write(c);
        contributorsAdded += ids.size();
        return ids;
    }

    private void link(Connection c, List<Link> links) throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        // Another collection may have linked one of these identities since they were read: its link stays.
        VersionedRows.Batch versions = IdentityLink.VERSIONS.batch().skippingCurrentFacts();
        FactSource inferred = source(Confidence.INFERRED);
        for (Link link : links) {
            versions.add(link.identityId(), inferred, null, link.contributorId(), link.botReason() != null, link.botReason());
        }
        versions.write(c);
    }

    private FactSource source(Confidence confidence) {
        return new FactSource(SourceKind.of(sourceKind), sourceUrl, sourceNote, confidence);
    }

    // ---- rules -------------------------------------------------------------------------------

    private static String groupOf(Key key, GitIdentity identity) {
        if (identity.platformAccount() != null) {
            return "login:" + login(identity.platformAccount().username());
        }
        return key.email() != null ? key.email() : "name:" + key.name();
    }

    private static String displayName(Key key) {
        if (key.name() != null) {
            return key.name();
        }
        int at = key.email().indexOf('@');
        return at > 0 ? key.email().substring(0, at) : key.email();
    }

    /** The reason stored on the link: {@code bot-suffix}, {@code known-bot-account} or {@code web-ui}. */
    static String botReason(GitIdentity.BotReason reason) {
        return reason == null ? null : reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String login(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    /** Text PostgreSQL can store (no NUL), blank as null. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.replace('\0', '\uFFFD').strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
